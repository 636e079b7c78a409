package io.staybook.property;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The nights of a window that cannot be booked, booked or blocked. */
public record Availability(UUID propertyId, LocalDate from, LocalDate to, List<Unavailable> unavailable) {

	/**
	 * Nights [start, end) that cannot be booked, and why ({@code booked}, {@code blocked}, ...); {@code blockId}
	 * is the id of a host's own block, which the host may remove, and null for anything else.
	 */
	public record Unavailable(LocalDate start, LocalDate end, String reason, UUID blockId) {
	}
}
