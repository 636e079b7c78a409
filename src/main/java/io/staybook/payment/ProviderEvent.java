package io.staybook.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a provider's webhook says, in our terms. It names the payment by our id ({@code paymentId}, the sandbox) or by
 * the provider's reference (Stripe's PaymentIntent id). A null {@code type} is an event we do not act on. For
 * {@code REFUNDED}, {@code amount} is the total refunded of the charge so far (null: all of it), and
 * {@code refundReference} / {@code refundKey} name the refund (its provider id, the idempotency key it was made with)
 * where the provider tells them.
 */
public record ProviderEvent(String id, Type type, UUID paymentId, String providerReference, BigDecimal amount,
		String failureReason, String refundReference, String refundKey) {

	/** An event without a refund's own reference or idempotency key. */
	public ProviderEvent(String id, Type type, UUID paymentId, String providerReference, BigDecimal amount,
			String failureReason) {
		this(id, type, paymentId, providerReference, amount, failureReason, null, null);
	}

	/** What the provider tells of a payment: it succeeded, it failed, or money went back (a refund). */
	public enum Type {

		SUCCEEDED, FAILED, REFUNDED

	}
}
