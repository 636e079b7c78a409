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

	/**
	 * Newest first, keyset-paged by id; a null parameter does not filter. {@code status} filters by the status a
	 * booking reads at {@code now} ({@link Booking#view(Instant)}): a paid stay ({@code staying}) whose check-out date
	 * has passed where the property is ({@link Booking#isOver}) is {@code completed}, not {@code confirmed} or
	 * {@code checked_in}, whether or not the completion job has written it.
	 */
	@Query("""
			select b from Booking b
			where (:guestId is null or b.guestId = :guestId)
			  and (:hostId is null or b.hostId = :hostId)
			  and (:status is null
			       or (b.status = :status and not (b.status in :staying
			           and b.checkOut < cast(function('timezone', b.timezone, :now) as LocalDate)))
			       or (:status = :completed and b.status in :staying
			           and b.checkOut < cast(function('timezone', b.timezone, :now) as LocalDate)))
			  and (:before is null or b.id < :before)
			order by b.id desc""")
	List<Booking> page(UUID guestId, UUID hostId, BookingStatus status, UUID before, Instant now,
			Collection<BookingStatus> staying, BookingStatus completed, Limit limit);

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

	/**
	 * Whether the account has, as guest or host, a paid stay ({@code staying}) that is not over at {@code now}: its
	 * check-out date has not passed where the property is ({@link Booking#isOver}). {@code earliest} (a day before
	 * today in UTC: no stay checking out before it can still run anywhere) only narrows the rows read.
	 */
	@Query("""
			select count(b) > 0 from Booking b
			where (b.guestId = :userId or b.hostId = :userId)
			  and b.status in :staying and b.checkOut >= :earliest
			  and b.checkOut >= cast(function('timezone', b.timezone, :now) as LocalDate)""")
	boolean hasUpcomingStays(UUID userId, Collection<BookingStatus> staying, LocalDate earliest, Instant now);

	/** {@link #hasUpcomingStays} of a listing. */
	@Query("""
			select count(b) > 0 from Booking b
			where b.propertyId = :propertyId
			  and b.status in :staying and b.checkOut >= :earliest
			  and b.checkOut >= cast(function('timezone', b.timezone, :now) as LocalDate)""")
	boolean propertyHasUpcomingStays(UUID propertyId, Collection<BookingStatus> staying, LocalDate earliest,
			Instant now);

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
