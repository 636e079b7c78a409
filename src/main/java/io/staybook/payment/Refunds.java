package io.staybook.payment;

import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Refunds extends JpaRepository<Refund, UUID> {

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from Refund r where r.id = :id")
	Optional<Refund> findForUpdate(UUID id);

	@Query("select r.paymentId from Refund r where r.id = :id")
	Optional<UUID> findPaymentId(UUID id);

	Optional<Refund> findByProviderAndIdempotencyKey(String provider, String idempotencyKey);

	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from Refund r where r.provider = :provider and r.providerReference = :reference")
	Optional<Refund> findByReferenceForUpdate(String provider, String reference);

	/** What is refunded or on its way back: the payment's refunds that have not failed. */
	@Query(value = "select coalesce(sum(amount), 0) from refunds where payment_id = :paymentId and status <> 'failed'",
			nativeQuery = true)
	BigDecimal sumNotFailed(UUID paymentId);
}
