package io.staybook.review;

import io.staybook.shared.Ids;
import io.staybook.shared.persistence.AggregateRoot;
import io.staybook.shared.persistence.JsonEnumConverter;
import io.staybook.user.UserSummary;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One side's rating and words about one completed stay: the guest's of the listing (with optional sub-ratings, and
 * the host's one response once published) or the host's of the guest. Hidden from all but its author until
 * {@link #publish published} or until its window closes ({@link #isPublished(Instant)}: from that moment it is
 * published, whether or not the sweep has written it yet, as a stay over reads completed). Who may write or change
 * it, and until when, is decided by {@link ReviewService}; the table holds one review per booking and subject, the
 * ranges, and which columns each subject has (V25).
 */
@Entity
@Table(name = "reviews")
class Review extends AggregateRoot {

	private UUID propertyId;

	private UUID bookingId;

	private UUID authorId;

	@Convert(converter = SubjectConverter.class)
	private ReviewSubject subject;

	private UUID guestId;

	private int rating;

	private String comment;

	private Integer cleanliness;

	private Integer accuracy;

	private Integer checkIn;

	private Integer communication;

	private Integer location;

	private Integer value;

	private String responseBody;

	private Instant responseCreatedAt;

	private Instant createdAt;

	private Instant updatedAt;

	private Instant publishedAt;

	private Instant publishDue;

	protected Review() {
	}

	/**
	 * A new, unpublished review. {@code guestId} is the reviewed guest for subject {@code guest}, null otherwise;
	 * {@code publishDue} is when its window closes and the sweep publishes it at the latest.
	 */
	Review(UUID propertyId, UUID bookingId, UUID authorId, ReviewSubject subject, UUID guestId, int rating,
			String comment, SubRatings subRatings, Instant now, Instant publishDue) {
		super(Ids.newId());
		this.propertyId = propertyId;
		this.bookingId = bookingId;
		this.authorId = authorId;
		this.subject = subject;
		this.guestId = guestId;
		this.rating = rating;
		this.comment = comment;
		rate(subRatings);
		this.createdAt = now;
		this.updatedAt = now;
		this.publishDue = publishDue;
	}

	/** The author changes the rating, the comment or sub-ratings; null leaves a field as it is. */
	void edit(Integer rating, String comment, SubRatings subRatings, Instant now) {
		this.rating = Objects.requireNonNullElse(rating, this.rating);
		this.comment = Objects.requireNonNullElse(comment, this.comment);
		rate(subRatings().with(subRatings));
		this.updatedAt = now;
	}

	/** Makes it visible to everyone and counted in its listing's averages (subject {@code property}). */
	void publish(Instant now) {
		if (publishedAt == null) {
			publishedAt = now;
		}
	}

	/**
	 * If its window has closed by {@code now} ({@link #isDue}), writes it published at the moment the window closed, as
	 * it already reads and as the sweep writes it. Idempotent; false when there was nothing to write.
	 */
	boolean publishIfDue(Instant now) {
		if (!isDue(now)) {
			return false;
		}
		publishedAt = publishDue;
		return true;
	}

	/** Whether its window has closed by {@code now} without it being written published: it reads published. */
	boolean isDue(Instant now) {
		return publishedAt == null && !publishDue.isAfter(now);
	}

	/** When its window closes, the latest moment it is published at. */
	Instant publishDue() {
		return publishDue;
	}

	/** The listing's host answers, once, a published review of the listing. */
	void respond(String body, Instant now) {
		this.responseBody = body;
		this.responseCreatedAt = now;
	}

	/**
	 * Whether it is published at {@code now}: written so (both sides reviewed, or the sweep), or its window has closed
	 * ({@link #isDue}), whether or not the sweep has reached it.
	 */
	boolean isPublished(Instant now) {
		return publishedAt(now) != null;
	}

	/** When it was published as anyone reads it at {@code now}: the written moment, the window's end when due, or null. */
	private Instant publishedAt(Instant now) {
		if (publishedAt != null) {
			return publishedAt;
		}
		return isDue(now) ? publishDue : null;
	}

	boolean hasResponse() {
		return responseBody != null;
	}

	boolean isWrittenBy(UUID userId) {
		return authorId.equals(userId);
	}

	/**
	 * Whether {@code userId} (null: an anonymous caller) may see it: once published, anyone a review of a listing and
	 * any signed-in user a review of a guest (the contract lists a guest's reviews for logged-in users only); before,
	 * only its author. Published as read at {@code now} ({@link #isPublished(Instant)}).
	 */
	boolean isVisibleTo(UUID userId, Instant now) {
		if (authorId.equals(userId)) {
			return true;
		}
		return isPublished(now) && (subject == ReviewSubject.PROPERTY || userId != null);
	}

	ReviewSubject subject() {
		return subject;
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

	SubRatings subRatings() {
		return new SubRatings(cleanliness, accuracy, checkIn, communication, location, value);
	}

	/** The review as anyone reads it at {@code now}: a due one ({@link #isDue}) published when its window closed. */
	ReviewView view(UserSummary author, Instant now) {
		ReviewView.Response response = responseBody == null ? null
				: new ReviewView.Response(responseBody, responseCreatedAt);
		return new ReviewView(getId(), propertyId, bookingId, authorId, author, rating, comment, createdAt,
				updatedAt, subject, guestId, publishedAt(now), subRatings(), response);
	}

	private void rate(SubRatings ratings) {
		SubRatings given = ratings == null ? SubRatings.NONE : ratings;
		this.cleanliness = given.cleanliness();
		this.accuracy = given.accuracy();
		this.checkIn = given.checkIn();
		this.communication = given.communication();
		this.location = given.location();
		this.value = given.value();
	}

	@Converter
	static class SubjectConverter extends JsonEnumConverter<ReviewSubject> {

		SubjectConverter() {
			super(ReviewSubject.class);
		}
	}
}
