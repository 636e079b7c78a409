package io.staybook.payment.stripe;

import java.math.BigDecimal;

/**
 * What Staybook needs of a verified Stripe webhook event. For {@code payment_intent.succeeded} and
 * {@code payment_intent.payment_failed} the PaymentIntent's id (our payment's provider reference) and, on failure,
 * the reason in the form {@link StripePaymentProvider} gives; for {@code charge.refunded} the PaymentIntent of the
 * refunded charge and the amount refunded so far, in total. Other event types carry only their id and type.
 *
 * @param id Stripe's event id ({@code evt_…}), the key that makes a redelivered event change nothing
 * @param type the event type
 * @param paymentIntentId the PaymentIntent the event is about, or {@code null}
 * @param amountRefundedMinor for {@code charge.refunded}, the total refunded on the charge, in minor units
 * @param failureCode for {@code payment_intent.payment_failed}, why the card was refused
 * @param chargeKey for {@code payment_intent.*}, our charge's idempotency key from the intent's metadata
 * ({@link #CHARGE_KEY}), or {@code null}
 */
public record StripeEvent(String id, String type, String paymentIntentId, Long amountRefundedMinor,
		String failureCode, String chargeKey) {

	/** The PaymentIntent metadata key that carries our charge's idempotency key. */
	public static final String CHARGE_KEY = "staybook_charge_key";

	/** An event without a charge key in its metadata. */
	public StripeEvent(String id, String type, String paymentIntentId, Long amountRefundedMinor, String failureCode) {
		this(id, type, paymentIntentId, amountRefundedMinor, failureCode, null);
	}

	public static final String PAYMENT_SUCCEEDED = "payment_intent.succeeded";

	public static final String PAYMENT_FAILED = "payment_intent.payment_failed";

	public static final String CHARGE_REFUNDED = "charge.refunded";

	/** The refunded total in {@code currency}'s major unit (12000 in USD is 120.00), or {@code null}. */
	public BigDecimal amountRefunded(String currency) {
		return (this.amountRefundedMinor != null) ? StripeAmounts.fromMinorUnits(this.amountRefundedMinor, currency)
				: null;
	}
}
