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

	/**
	 * The charge made under {@code chargeKey}, our idempotency key of a payment's charge (which rides in the charge's
	 * metadata), for a payment that never learnt the provider's reference: every answer to its charge was lost and it
	 * was given up. Empty when the provider made no such charge, or cannot be asked (the default); an outage throws
	 * {@link ProviderUnavailableException}.
	 */
	default Optional<ProviderCharge> findByChargeKey(String chargeKey, String currency) {
		return Optional.empty();
	}

	/**
	 * Pays a host their share of a stay: a transfer from the platform's balance to the host's account at the provider
	 * (Stripe Connect: {@code POST /v1/transfers}). A refusal (no or unusable account, insufficient platform balance) is
	 * a result; an outage throws {@link ProviderUnavailableException}, and the call is retried with the same key, so
	 * that the host is paid once.
	 *
	 * @param idempotencyKey derived from the payout's id ({@code payout-<id>-<attempt>})
	 */
	PayoutResult payout(String idempotencyKey, PayoutOrder order);

	/**
	 * A payout to make: {@code amount} (major unit, scale of the currency) to {@code destination}, the host's account at
	 * this provider (null where the host has none; a provider that needs one refuses with {@code no_payout_account}).
	 */
	record PayoutOrder(java.util.UUID payoutId, java.util.UUID bookingId, java.util.UUID hostId, BigDecimal amount,
			String currency, String destination) {
	}

	/** The provider's answer to a payout: paid with its reference, or refused with a reason. */
	record PayoutResult(boolean succeeded, String reference, String failureReason) {

		/** The provider moved the money; {@code reference} is its id of the transfer. */
		public static PayoutResult paid(String reference) {
			return new PayoutResult(true, reference, null);
		}

		/** The provider refused the transfer for {@code failureReason}; it may be tried again later. */
		public static PayoutResult refused(String failureReason) {
			return new PayoutResult(false, null, failureReason);
		}
	}

	/** A charge as the provider sees it: the amount it took and the total it gave back, in the major unit. */
	record ProviderCharge(String reference, BigDecimal charged, BigDecimal refunded) {
	}

	/** A charge's outcome: its provider reference (null when none was made) and, when it failed, why. */
	record ChargeResult(boolean succeeded, String reference, String failureReason) {

		/** The provider took the money; {@code reference} is its id of the charge. */
		public static ChargeResult succeeded(String reference) {
			return new ChargeResult(true, reference, null);
		}

		/** The provider declined the charge (a final answer, not an outage) for {@code failureReason}. */
		public static ChargeResult failed(String reference, String failureReason) {
			return new ChargeResult(false, reference, failureReason);
		}
	}

	/** A refund the provider made, by its reference. */
	record RefundResult(String reference) {
	}

	/** The provider could not be reached or did not answer in time: try again later with the same key. */
	class ProviderUnavailableException extends RuntimeException {

		/** An outage of the provider, described by {@code message}, caused by {@code cause}. */
		public ProviderUnavailableException(String message, Throwable cause) {
			super(message, cause);
		}
	}
}
