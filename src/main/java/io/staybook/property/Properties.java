package io.staybook.property;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Properties extends JpaRepository<Property, UUID> {

	/** Stores a listing's per-category averages ({@link Ratings#literal()}); the caller holds the row's lock. */
	@org.springframework.data.jpa.repository.Modifying
	@Query(value = "update properties set ratings = cast(:ratings as numeric(3, 2)[]) where id = :id", nativeQuery = true)
	void rate(UUID id, String ratings);

	@Query("select p from Property p where p.id = :id and p.deletedAt is null")
	Optional<Property> findActive(UUID id);

	/**
	 * Any listing, delisted too, its row locked {@code for no key update} (what the booking path takes, and what an
	 * update of the row takes anyway): it serialises the writers of the listing's review aggregate, but not against
	 * the {@code for key share} lock that inserting a row referencing the listing takes (a review's foreign key). With
	 * JPA's {@code PESSIMISTIC_WRITE} ({@code for update}), two reviews of one listing published at once each held that
	 * share lock from their insert and each waited for the other's to take the row: a deadlock, answered 409.
	 */
	@Query(value = "select p.* from properties p where p.id = :id for no key update", nativeQuery = true)
	Optional<Property> findForUpdate(UUID id);

	/** Serialises writers of one listing: concurrent changes, the review aggregate. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select p from Property p where p.id = :id and p.deletedAt is null")
	Optional<Property> findActiveForUpdate(UUID id);

	/** A host's listings that are not deleted, locked in id order (the order every writer of several takes them in). */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select p from Property p where p.hostId = :hostId and p.deletedAt is null order by p.id")
	List<Property> findActiveOfHostForUpdate(UUID hostId);
}
