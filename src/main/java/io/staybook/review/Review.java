package io.staybook.review;

import io.staybook.shared.Ids;
import io.staybook.shared.persistence.AggregateRoot;
import io.staybook.user.UserSummary;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A guest's rating and words about one completed stay. Who may write or change it, and until when, is decided by
 * {@link ReviewService}; the table holds one review per booking and the ranges of rating and comment.
 */
@Entity
@Table(name = "reviews")
class Review extends AggregateRoot {

	private UUID propertyId;

	private UUID bookingId;

	private UUID authorId;

	private int rating;

	private String comment;

	private Instant createdAt;

	private Instant updatedAt;

	protected Review() {
	}

	Review(UUID propertyId, UUID bookingId, UUID authorId, int rating, String comment, Instant now) {
		super(Ids.newId());
		this.propertyId = propertyId;
		this.bookingId = bookingId;
		this.authorId = authorId;
		this.rating = rating;
		this.comment = comment;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** The author changes the rating, the comment or both; null leaves a field as it is. */
	void edit(Integer rating, String comment, Instant now) {
		this.rating = Objects.requireNonNullElse(rating, this.rating);
		this.comment = Objects.requireNonNullElse(comment, this.comment);
		this.updatedAt = now;
	}

	boolean isWrittenBy(UUID userId) {
		return authorId.equals(userId);
	}

	UUID propertyId() {
		return propertyId;
	}

	UUID bookingId() {
		return bookingId;
	}

	UUID authorId() {
		return authorId;
	}

	ReviewView view(UserSummary author) {
		return new ReviewView(getId(), propertyId, bookingId, authorId, author, rating, comment, createdAt,
				updatedAt);
	}
}
