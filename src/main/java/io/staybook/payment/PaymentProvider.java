package io.staybook.payment;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The port to a card processor. Every call carries an idempotency key derived from our own ids, so that a call
 * retried after a timeout charges or refunds once.
 */
public interface PaymentProvider {

	/** The name in configuration, in {@code payments.provider} and in webhook URLs: {@code sandbox}, {@code stripe}. */
	String name();

	/**
	 * Charges {@code amount} with the client's {@code token}. A refusal (declined card, bad token) is a result; a
	 * provider that cannot be reached or times out throws {@link ProviderUnavailableException}, and the call is
	 * retried with the same key.
	 */
	ChargeResult charge(String idempotencyKey, BigDecimal amount, String currency, String token);

	/** Pays {@code amount} of an earlier charge back. */
	RefundResult refund(String idempotencyKey, String chargeReference, BigDecimal amount, String currency);

	/**
	 * What the provider holds of a charge, for the reconciliation to compare with our records; empty where this
	 * provider cannot be asked (the default). A charge it does not know is a {@link ProviderCharge} of nothing charged.
	 */
	default Optional<ProviderCharge> lookup(String chargeReference, String currency) {
		return Optional.empty();
	}

	/** A charge as the provider sees it: the amount it took and the total it gave back, in the major unit. */
	record ProviderCharge(String reference, BigDecimal charged, BigDecimal refunded) {
	}

	record ChargeResult(boolean succeeded, String reference, String failureReason) {

		public static ChargeResult succeeded(String reference) {
			return new ChargeResult(true, reference, null);
		}

		public static ChargeResult failed(String reference, String failureReason) {
			return new ChargeResult(false, reference, failureReason);
		}
	}

	record RefundResult(String reference) {
	}

	/** The provider could not be reached or did not answer in time: try again later with the same key. */
	class ProviderUnavailableException extends RuntimeException {

		public ProviderUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
