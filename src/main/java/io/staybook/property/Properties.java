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

	/** Any listing, delisted too, locked. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select p from Property p where p.id = :id")
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
