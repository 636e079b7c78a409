package io.staybook.booking;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Bookings extends JpaRepository<Booking, UUID> {

	/** Every status change locks the row first, so that a payment, a cancellation and a job never interleave. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select b from Booking b where b.id = :id")
	Optional<Booking> findForUpdate(UUID id);

	/** The listing a booking is on (it never changes): a change of the booking takes the listing's turn and lock by it. */
	@Query("select b.propertyId from Booking b where b.id = :id")
	Optional<UUID> findPropertyId(UUID id);

	/** Newest first, keyset-paged by id; a null parameter does not filter. */
	@Query("""
			select b from Booking b
			where (:guestId is null or b.guestId = :guestId)
			  and (:hostId is null or b.hostId = :hostId)
			  and (:status is null or b.status = :status)
			  and (:before is null or b.id < :before)
			order by b.id desc""")
	List<Booking> page(UUID guestId, UUID hostId, BookingStatus status, UUID before, Limit limit);

	/**
	 * Up to {@code limit} holds and requests past their expiry, oldest first, after ({@code afterExpiry}, {@code afterId}), locked;
	 * rows another transaction holds are skipped (a booking or a payment deciding them, another node's sweep), so that
	 * sweeps on several nodes never wait for each other. Uses {@code bookings_overdue_idx} (V19), whose predicate the
	 * status condition repeats word for word.
	 */
	@Query(nativeQuery = true, value = """
			select * from bookings
			where status in ('requested', 'pending_payment') and expires_at <= :now and (expires_at, id) > (:afterExpiry, :afterId)
			order by expires_at, id
			limit :limit
			for update skip locked""")
	List<Booking> lockOverdueHolds(Instant now, Instant afterExpiry, UUID afterId, int limit);

	/** Stays whose check-out may have passed somewhere on Earth (the job checks each in its own time zone). */
	@Query("""
			select b.id from Booking b
			where b.status in :staying and b.checkOut < :latestToday
			order by b.checkOut""")
	List<UUID> staysEndedBefore(Collection<BookingStatus> staying, LocalDate latestToday, Limit limit);

	@Query("""
			select count(b) > 0 from Booking b
			where (b.guestId = :userId or b.hostId = :userId)
			  and b.status in :staying and b.checkOut >= :today""")
	boolean hasUpcomingStays(UUID userId, Collection<BookingStatus> staying, LocalDate today);

	@Query("""
			select count(b) > 0 from Booking b
			where b.propertyId = :propertyId
			  and b.status in :staying and b.checkOut >= :today""")
	boolean propertyHasUpcomingStays(UUID propertyId, Collection<BookingStatus> staying, LocalDate today);

	/**
	 * A listing's unpaid holds, locked in id order, for closing them with the listing. A hold confirmed meanwhile by a
	 * payment (which locks the booking first) is waited for, then no longer matches.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select b from Booking b where b.propertyId = :propertyId and b.status in :unpaid order by b.id")
	List<Booking> lockHoldsOfProperty(UUID propertyId, Collection<BookingStatus> unpaid);

	/** An account's unpaid holds as guest or as host, locked in id order, for closing them with the account. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("""
			select b from Booking b
			where (b.guestId = :userId or b.hostId = :userId) and b.status in :unpaid
			order by b.id""")
	List<Booking> lockHoldsOfAccount(UUID userId, Collection<BookingStatus> unpaid);
}
