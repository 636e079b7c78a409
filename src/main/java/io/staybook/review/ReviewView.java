package io.staybook.review;

import io.staybook.user.UserSummary;
import java.time.Instant;
import java.util.UUID;

/**
 * A review as the APIs show it, with its author's first name. {@code guestId} is set for subject {@code guest};
 * {@code publishedAt} is null while only its author sees it; {@code subRatings} are all null for a guest's review;
 * {@code response} is the host's answer, or null.
 */
public record ReviewView(UUID id, UUID propertyId, UUID bookingId, UUID authorId, UserSummary author, int rating,
		String comment, Instant createdAt, Instant updatedAt, ReviewSubject subject, UUID guestId,
		Instant publishedAt, SubRatings subRatings, Response response) {

	/** The sub-ratings one by one, as GraphQL's {@code Review} shows them. */
	public Integer cleanliness() {
		return subRatings.cleanliness();
	}

	public Integer accuracy() {
		return subRatings.accuracy();
	}

	public Integer checkIn() {
		return subRatings.checkIn();
	}

	public Integer communication() {
		return subRatings.communication();
	}

	public Integer location() {
		return subRatings.location();
	}

	public Integer value() {
		return subRatings.value();
	}

	/** The listing's host's answer to a review of the listing: at most 1,000 characters. */
	public record Response(String body, Instant createdAt) implements java.io.Serializable {
	}
}
