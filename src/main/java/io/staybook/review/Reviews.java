package io.staybook.review;

import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Reviews extends JpaRepository<Review, UUID> {

	/** An edit or a deletion locks the review first, so that two of them on one review apply one after the other. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from Review r where r.id = :id")
	Optional<Review> findForUpdate(UUID id);

	/** The review of one side of a stay, locked: the other side's, when a review is posted. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from Review r where r.bookingId = :bookingId and r.subject = :subject")
	Optional<Review> findSideForUpdate(UUID bookingId, ReviewSubject subject);

	/**
	 * Newest first, keyset-paged by id; a null parameter does not filter. {@code propertyId} lists the listing's
	 * reviews of subject {@code property}, {@code guestId} the reviews of that guest. Only reviews published at
	 * {@code now} (written so, or their window closed by then: {@link Review#isPublished(Instant)}), but for
	 * {@code ?author_id=} the caller's own ({@code viewer}), which lists the caller's unpublished ones too; reviews of
	 * guests only for a signed-in {@code viewer} ({@link Review#isVisibleTo}).
	 */
	@Query("""
			select r from Review r
			where (:propertyId is null or (r.propertyId = :propertyId and r.subject = :listing))
			  and (:guestId is null or r.guestId = :guestId)
			  and (:authorId is null or r.authorId = :authorId)
			  and (:viewer is not null or r.subject = :listing)
			  and (r.publishedAt is not null or r.publishDue <= :now
			       or (:viewer is not null and r.authorId = :viewer and :authorId = :viewer))
			  and (:before is null or r.id < :before)
			order by r.id desc""")
	List<Review> page(UUID propertyId, UUID guestId, UUID authorId, UUID viewer, ReviewSubject listing,
			Instant now, UUID before, Limit limit);

	/**
	 * A listing's stored aggregates: over its reviews of subject {@code property} written published (the due ones that
	 * the sweep has not written yet are added by the listing's readers, V40's {@code listing_rating_due}). SQL's
	 * {@code avg} of integers is an exact {@code numeric} (null over no value), so the rounding to two decimals
	 * (half-up) is done on the exact value, not on a binary double.
	 */
	@Query(value = """
			select avg(rating) as average, count(*) as count, avg(cleanliness) as cleanliness,
			       avg(accuracy) as accuracy, avg(check_in) as checkIn, avg(communication) as communication,
			       avg(location) as location, avg(value) as value
			from reviews where property_id = :propertyId and subject = 'property' and published_at is not null""",
			nativeQuery = true)
	RatingRow rating(UUID propertyId);

	interface RatingRow {

		BigDecimal getAverage();

		long getCount();

		BigDecimal getCleanliness();

		BigDecimal getAccuracy();

		BigDecimal getCheckIn();

		BigDecimal getCommunication();

		BigDecimal getLocation();

		BigDecimal getValue();
	}

	/** The newest {@code perListing} reviews of each listing published at {@code now}, all listings in one query. */
	@Query(value = """
			select * from (
			  select r.*, row_number() over (partition by r.property_id order by r.id desc) as position
			  from reviews r where r.property_id = any(cast(:propertyIds as uuid[]))
			    and r.subject = 'property' and (r.published_at is not null or r.publish_due <= :now)
			) newest where position <= :perListing
			order by property_id, id desc""", nativeQuery = true)
	List<Review> newestOf(UUID[] propertyIds, int perListing, Timestamp now);
}
