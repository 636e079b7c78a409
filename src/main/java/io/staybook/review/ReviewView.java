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

	/** The sub-rating of accuracy, 1-5, or null when not given (as the others below). */
	public Integer accuracy() {
		return subRatings.accuracy();
	}

	/** The sub-rating of check-in, 1-5, or null. */
	public Integer checkIn() {
		return subRatings.checkIn();
	}

	/** The sub-rating of communication, 1-5, or null. */
	public Integer communication() {
		return subRatings.communication();
	}

	/** The sub-rating of location, 1-5, or null. */
	public Integer location() {
		return subRatings.location();
	}

	/** The sub-rating of value, 1-5, or null. */
	public Integer value() {
		return subRatings.value();
	}

	/** The listing's host's answer to a review of the listing: at most 1,000 characters. */
	public record Response(String body, Instant createdAt) {
	}
}
