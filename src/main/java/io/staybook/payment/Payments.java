package io.staybook.payment;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Payments extends JpaRepository<Payment, UUID> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select p from Payment p where p.id = :id")
	Optional<Payment> findForUpdate(UUID id);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select p from Payment p where p.provider = :provider and p.providerReference = :reference")
	Optional<Payment> findByReferenceForUpdate(String provider, String reference);

	/** Whether the payment exists and was made with {@code provider} (whose events alone may move it). */
	boolean existsByIdAndProvider(UUID id, String provider);

	boolean existsByBookingIdAndStatus(UUID bookingId, PaymentStatus status);

	@Query("select p.bookingId from Payment p where p.id = :id")
	Optional<UUID> findBookingId(UUID id);

	@Query("select p.id from Payment p where p.provider = :provider and p.providerReference = :reference")
	Optional<UUID> findIdByReference(String provider, String reference);

	/**
	 * The booking's successful payment, if any (there is at most one: a partial unique index says so); a surplus
	 * charge, given back, is not the booking's payment.
	 */
	@Query("select p from Payment p where p.bookingId = :bookingId and p.status in :paid and p.surplus = false")
	Optional<Payment> findPaid(UUID bookingId, Collection<PaymentStatus> paid);

	/**
	 * The id of the booking's successful payment, if any, without loading it: to lock it with {@link #findForUpdate}
	 * (a payment already loaded in the transaction would be locked by its stale version, and refused as changed).
	 */
	@Query("select p.id from Payment p where p.bookingId = :bookingId and p.status in :paid and p.surplus = false")
	Optional<UUID> findPaidId(UUID bookingId, Collection<PaymentStatus> paid);

	Optional<Payment> findByProviderAndProviderReference(String provider, String providerReference);

	List<Payment> findByBookingIdIn(Collection<UUID> bookingIds);

	/** Newest first, keyset-paged by id; a null parameter does not filter. */
	@Query("""
			select p from Payment p
			where (:payerId is null or p.payerId = :payerId)
			  and (:hostId is null or p.hostId = :hostId)
			  and (:bookingId is null or p.bookingId = :bookingId)
			  and (:before is null or p.id < :before)
			order by p.id desc""")
	List<Payment> page(UUID payerId, UUID hostId, UUID bookingId, UUID before, Limit limit);
}
