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
 * One attempt to pay for a booking. {@code pending} until the provider answers; {@code completed} or {@code failed}
 * then; a completed payment may later be refunded in part or in full, by its {@link Refund}s, whose succeeded sum the
 * database keeps in {@code refunded_amount} along with the refund status. Each change is idempotent: applying the same
 * provider result twice changes nothing the second time.
 */
@Entity
@Table(name = "payments")
class Payment extends AggregateRoot {

	private UUID bookingId;

	private UUID payerId;

	private UUID hostId;

	private BigDecimal amount;

	@JdbcTypeCode(SqlTypes.CHAR)
	@Column(length = 3)
	private String currency;

	@Convert(converter = MethodConverter.class)
	private PaymentMethod paymentMethod;

	private String paymentToken;

	@Convert(converter = StatusConverter.class)
	private PaymentStatus status;

	/** The sum of the succeeded refunds, kept by the database (V12's trigger on {@code refunds}); never written here. */
	@Column(insertable = false, updatable = false)
	private BigDecimal refundedAmount;

	private String failureReason;

	private String provider;

	private String providerReference;

	/** Taken by the provider but not the booking's payment: to be given back in full (V31). */
	private boolean surplus;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected Payment() {
	}

	Payment(UUID bookingId, UUID payerId, UUID hostId, BigDecimal amount, String currency, PaymentMethod method,
			String token, String provider, Instant now) {
		super(Ids.newId());
		this.bookingId = bookingId;
		this.payerId = payerId;
		this.hostId = hostId;
		this.amount = amount;
		this.currency = currency;
		this.paymentMethod = method;
		this.paymentToken = token;
		this.status = PaymentStatus.PENDING;
		this.refundedAmount = BigDecimal.ZERO.setScale(2);
		this.provider = provider;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/**
	 * The provider took the money, for the booking ({@code surplus} false) or beyond what it took ({@code surplus}: to
	 * be given back). From {@code pending}, or from {@code failed}: the provider's word on money is the truth, and a
	 * charge we gave up on (a timeout) or saw declined may still have been made. Returns false if the payment was
	 * already recorded as taken (a repeated success changes nothing).
	 */
	boolean complete(String reference, boolean surplus, Instant now) {
		if (status != PaymentStatus.PENDING && status != PaymentStatus.FAILED) {
			return false;
		}
		status = PaymentStatus.COMPLETED;
		if (reference != null) {
			providerReference = reference;
		}
		failureReason = null;
		paymentToken = null;
		this.surplus = surplus;
		updatedAt = now;
		return true;
	}

	/** The provider refused. Returns false if the payment had already left {@code pending}. */
	boolean fail(String reference, String reason, Instant now) {
		if (status != PaymentStatus.PENDING) {
			return false;
		}
		status = PaymentStatus.FAILED;
		providerReference = reference;
		failureReason = reason;
		paymentToken = null;
		updatedAt = now;
		return true;
	}

	boolean isPending() {
		return status == PaymentStatus.PENDING;
	}

	PaymentStatus status() {
		return status;
	}

	boolean isFailed() {
		return status == PaymentStatus.FAILED;
	}

	/** Whether the provider took it but it is not the booking's payment (see {@link #complete}). */
	boolean isSurplus() {
		return surplus;
	}

	boolean isPaid() {
		return status == PaymentStatus.COMPLETED || status == PaymentStatus.PARTIALLY_REFUNDED;
	}

	UUID bookingId() {
		return bookingId;
	}

	UUID payerId() {
		return payerId;
	}

	UUID hostId() {
		return hostId;
	}

	BigDecimal amount() {
		return amount;
	}

	String currency() {
		return currency;
	}

	String token() {
		return paymentToken;
	}

	String provider() {
		return provider;
	}

	String providerReference() {
		return providerReference;
	}

	PaymentView view() {
		return new PaymentView(getId(), bookingId, amount, currency, paymentMethod, status, refundedAmount,
				failureReason, provider, providerReference, createdAt, updatedAt);
	}

	@Converter
	static class StatusConverter extends JsonEnumConverter<PaymentStatus> {

		StatusConverter() {
			super(PaymentStatus.class);
		}
	}

	@Converter
	static class MethodConverter extends JsonEnumConverter<PaymentMethod> {

		MethodConverter() {
			super(PaymentMethod.class);
		}
	}
}
