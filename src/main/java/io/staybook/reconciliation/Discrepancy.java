package io.staybook.reconciliation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * One broken invariant and the records involved. {@code expected} and {@code actual} are amounts (decimal strings in
 * the booking's currency) or statuses, as the kind says.
 */
@Schema(name = "Discrepancy")
public record Discrepancy(Kind kind, @Schema(nullable = true) UUID bookingId,
		@Schema(nullable = true) UUID paymentId, @Schema(nullable = true) UUID refundId,
		@Schema(nullable = true) String expected, @Schema(nullable = true) String actual, String detail) {

	/** The kinds of discrepancy, by invariant (README, "Money invariants"). */
	@Schema(name = "DiscrepancyKind", enumAsRef = true)
	public enum Kind {

		/** R1: a confirmed, checked-in or completed booking without a paid payment. */
		CONFIRMED_WITHOUT_PAYMENT,
		/** R1: its paid payment's amount (or currency) is not the booking's total. */
		PAID_AMOUNT_MISMATCH,
		/** R2: a payment's refunded_amount is not the sum of its succeeded refunds. */
		REFUNDED_AMOUNT_MISMATCH,
		/** R3: a cancelled booking's refund_amount is not the sum of its cancellation refunds that have not failed. */
		CANCELLATION_REFUND_MISMATCH,
		/** R3: a refund pending for longer than the grace. */
		REFUND_STUCK,
		/**
		 * R4: an expired booking, a request or a declined one, or one cancelled before it was paid, whose payment was
		 * not all given back; or a surplus charge (one its booking did not take: a late success, a second payment) not
		 * all given back.
		 */
		UNCONFIRMED_BOOKING_KEPT_MONEY,
		/** R5: a payment pending for longer than the grace. */
		PAYMENT_STUCK,
		/** R5: a refund that failed. */
		REFUND_FAILED,
		/** R6: an active booking of a deleted listing. */
		ACTIVE_BOOKING_ON_DELETED_LISTING,
		/** R6: an active booking of a deleted guest's or host's account. */
		ACTIVE_BOOKING_OF_DELETED_ACCOUNT,
		/** R7: the provider took another amount than the payment's (anything, for a payment recorded as failed). */
		PROVIDER_CHARGE_MISMATCH,
		/** R7: the provider gave back another amount than the payment's succeeded refunds (pending ones tolerated). */
		PROVIDER_REFUND_MISMATCH,
		/**
		 * R8: a paid payout, what was deducted from it, the booking's service fee, the payout's host fee and the
		 * refunds that have not failed, less what the host owes back for the booking's refunds made after the payout,
		 * do not add up to what the guest paid (a wrong amount, or a debt that was not recorded).
		 */
		PAYOUT_MISMATCH,
		/** R8: a payout pending for longer than the grace (the provider has not answered, or no sweep ran). */
		PAYOUT_STUCK,
		/** R8: a payout the provider refused (the host has no usable account, say); the sweep tries it again. */
		PAYOUT_FAILED,
		/**
		 * R8: a host's debt for a refund made after their payout (a succeeded refund), not recovered in full from their
		 * later payouts within {@code staybook.reconciliation.deduction-overdue-after} (30 days): the host has had no
		 * payout in that currency since, or none large enough; an operator collects it.
		 */
		PAYOUT_DEDUCTION_UNRECOVERED,
		/**
		 * R8: a stay whose payout fell due (the payout sweep's own rule) longer than the grace ago and was never made:
		 * its payment was taken through another provider than this deployment's (a sweep pays out only what its own
		 * provider took: an operator settles it), its check-out is past the sweep's lookback, or no sweep ran.
		 */
		PAYOUT_MISSING;

		/** The kind as it appears in JSON and in the metric's {@code kind} tag. */
		@JsonValue
		public String code() {
			return JsonEnums.toJson(this);
		}

		/**
		 * The constant of a contract spelling such as {@code payout_mismatch}.
		 * @throws DomainException 400 naming the accepted values, for any other
		 */
		@JsonCreator
		public static Kind fromJson(String value) {
			return JsonEnums.fromJson(Kind.class, value);
		}
	}

	Discrepancy(Kind kind, UUID bookingId, UUID paymentId, UUID refundId, Object expected, Object actual,
			String detail) {
		this(kind, bookingId, paymentId, refundId, text(expected), text(actual), detail);
	}

	private static String text(Object value) {
		return value instanceof java.math.BigDecimal amount ? amount.toPlainString()
				: value == null ? null : value.toString();
	}
}
