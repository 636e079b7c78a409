package io.staybook.review;

import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
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

	/** Newest first, keyset-paged by id; a null parameter does not filter. */
	@Query("""
			select r from Review r
			where (:propertyId is null or r.propertyId = :propertyId)
			  and (:authorId is null or r.authorId = :authorId)
			  and (:before is null or r.id < :before)
			order by r.id desc""")
	List<Review> page(UUID propertyId, UUID authorId, UUID before, Limit limit);

	/**
	 * A listing's aggregate over its stored reviews. SQL's {@code avg} of integers is an exact {@code numeric}, so the
	 * rounding to two decimals (half-up) is done on the exact value, not on a binary double.
	 */
	@Query(value = "select avg(rating) as average, count(*) as count from reviews where property_id = :propertyId",
			nativeQuery = true)
	RatingRow rating(UUID propertyId);

	interface RatingRow {

		BigDecimal getAverage();

		long getCount();
	}

	/** The newest {@code perListing} reviews of each listing, all listings in one query. */
	@Query(value = """
			select * from (
			  select r.*, row_number() over (partition by r.property_id order by r.id desc) as position
			  from reviews r where r.property_id = any(cast(:propertyIds as uuid[]))
			) newest where position <= :perListing
			order by property_id, id desc""", nativeQuery = true)
	List<Review> newestOf(UUID[] propertyIds, int perListing);
}
