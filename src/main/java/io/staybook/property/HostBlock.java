package io.staybook.property;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Dates a host closed on a listing's calendar. */
public record HostBlock(UUID id, UUID propertyId, LocalDate start, LocalDate end, String note, Instant createdAt) {
}
