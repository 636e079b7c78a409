package io.staybook.payment;

import io.staybook.shared.Ids;
import io.staybook.shared.persistence.AggregateRoot;
import io.staybook.shared.persistence.JsonEnumConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One refund of a payment: {@code pending} from the transaction that decides it until the provider answers, then
 * {@code succeeded} (with the provider's reference) or {@code failed} (with a reason); both are final. The provider
 * deduplicates the call by {@link #idempotencyKey()}, {@code refund-<id>}, so a payment may be refunded in several
 * parts and a retried call refunds once. The database sums the succeeded refunds into the payment's
 * {@code refunded_amount} and refuses refunds above the payment's amount (V12's trigger).
 */
@Entity
@Table(name = "refunds")
class Refund extends AggregateRoot {

	enum Status {

		PENDING, SUCCEEDED, FAILED

	}

	/** Why the money goes back: the contract's cancellation refund, a charge that came too late, or the provider's own. */
	enum Reason {

		CANCELLATION, LATE_CHARGE, AMOUNT_MISMATCH, PROVIDER

	}

	private UUID paymentId;

	private UUID bookingId;

	private BigDecimal amount;

	@JdbcTypeCode(SqlTypes.CHAR)
	@Column(length = 3)
	private String currency;

	@Convert(converter = ReasonConverter.class)
	private Reason reason;

	@Convert(converter = StatusConverter.class)
	private Status status;

	private String provider;

	private String idempotencyKey;

	private String providerReference;

	private String failureReason;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected Refund() {
	}

	private Refund(Payment payment, BigDecimal amount, Reason reason, Instant now) {
		super(Ids.newId());
		this.paymentId = payment.getId();
		this.bookingId = payment.bookingId();
		this.amount = amount;
		this.currency = payment.currency();
		this.reason = reason;
		this.status = Status.PENDING;
		this.provider = payment.provider();
		this.idempotencyKey = "refund-" + getId();
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** A refund we decided, to be made by the refund job. */
	static Refund decided(Payment payment, BigDecimal amount, Reason reason, Instant now) {
		return new Refund(payment, amount, reason, now);
	}

	/**
	 * A refund scheduled before refunds had rows (its job carries only the payment): keyed as it was then,
	 * {@code refund-<paymentId>}, so that a call the provider already made is answered, not repeated. {@code reason}
	 * is the caller's reading of its booking.
	 */
	static Refund legacy(Payment payment, BigDecimal amount, Reason reason, Instant now) {
		Refund refund = new Refund(payment, amount, reason, now);
		refund.idempotencyKey = "refund-" + payment.getId();
		return refund;
	}

	/** A refund made at the provider that we did not ask for (its dashboard, say): recorded as it happened. */
	static Refund fromProvider(Payment payment, BigDecimal amount, String reference, Instant now) {
		Refund refund = new Refund(payment, amount, Reason.PROVIDER, now);
		refund.status = Status.SUCCEEDED;
		refund.providerReference = reference != null ? reference : "unmatched-" + refund.getId();
		return refund;
	}

	/** The provider paid it back. Returns false if the refund was no longer pending. */
	boolean succeed(String reference, Instant now) {
		if (status != Status.PENDING) {
			return false;
		}
		status = Status.SUCCEEDED;
		providerReference = reference;
		updatedAt = now;
		return true;
	}

	/** It will not be made: every retry failed. Returns false if the refund was no longer pending. */
	boolean fail(String reason, Instant now) {
		if (status != Status.PENDING) {
			return false;
		}
		status = Status.FAILED;
		failureReason = reason;
		updatedAt = now;
		return true;
	}

	boolean isPending() {
		return status == Status.PENDING;
	}

	UUID paymentId() {
		return paymentId;
	}

	BigDecimal amount() {
		return amount;
	}

	String currency() {
		return currency;
	}

	String idempotencyKey() {
		return idempotencyKey;
	}

	@Converter
	static class StatusConverter extends JsonEnumConverter<Status> {

		StatusConverter() {
			super(Status.class);
		}
	}

	@Converter
	static class ReasonConverter extends JsonEnumConverter<Reason> {

		ReasonConverter() {
			super(Reason.class);
		}
	}
}
