package io.staybook.ical;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An external calendar a listing imports: {@code lastSyncedAt} is the latest successful sync (null before the first),
 * {@code lastError} why the latest sync failed or what it skipped (null when all went well), {@code conflicts} the
 * imported events refused because a booking holds some of their nights (the booking is kept).
 */
public record IcalImport(UUID id, UUID propertyId, String url, String name, Instant lastSyncedAt, String lastError,
		List<Conflict> conflicts, Instant createdAt) {

	/** An imported event's nights, {@code end} exclusive. */
	public record Conflict(LocalDate start, LocalDate end) {
	}
}
