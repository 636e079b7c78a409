package io.staybook.review;

import io.staybook.user.UserSummary;
import java.time.Instant;
import java.util.UUID;

/** A review as the APIs show it, with its author's first name. */
public record ReviewView(UUID id, UUID propertyId, UUID bookingId, UUID authorId, UserSummary author, int rating,
		String comment, Instant createdAt, Instant updatedAt) {
}
