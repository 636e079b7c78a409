package io.staybook.payment.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import io.staybook.payment.PaymentProvider.ProviderUnavailableException;
import java.util.Set;

/**
 * Sorts Stripe's errors into the two kinds the port knows: a refusal, which is an answer about this card and final,
 * and an outage, after which the job asks again with the same idempotency key.
 */
final class StripeFailures {

	/** The error codes of PaymentIntent creation that say the client's token or payment method is unusable. */
	private static final Set<String> TOKEN_CODES = Set.of("resource_missing", "token_already_used",
			"payment_method_invalid_parameter", "payment_method_unexpected_state", "payment_method_not_available");

	private StripeFailures() {
	}

	/**
	 * Why a card was refused: Stripe's decline code when it says more than "declined" ({@code insufficient_funds},
	 * {@code lost_card}), else the error code ({@code card_declined}, {@code expired_card}, {@code incorrect_cvc}), so
	 * that a plain decline reads {@code card_declined} as it does with the sandbox provider.
	 */
	static String declineReason(String declineCode, String code) {
		if (declineCode != null && !declineCode.isBlank() && !"generic_decline".equals(declineCode)) {
			return declineCode;
		}
		return (code != null && !code.isBlank()) ? code : "card_declined";
	}

	/** A request Stripe rejected as invalid: about the token ({@code invalid_token}) or otherwise its error code. */
	static String invalidRequestReason(InvalidRequestException ex) {
		String param = ex.getParam();
		if ((param != null && param.startsWith("payment_method")) || TOKEN_CODES.contains(ex.getCode())) {
			return "invalid_token";
		}
		return (ex.getCode() != null) ? ex.getCode() : "invalid_request";
	}

	/** The PaymentIntent Stripe created before refusing the card, if the error names one. */
	static String paymentIntentId(StripeException ex) {
		StripeError error = ex.getStripeError();
		return (error != null && error.getPaymentIntent() != null) ? error.getPaymentIntent().getId() : null;
	}

	/**
	 * For every error that is not a refusal. Network failures, timeouts, 409 (the same key still in flight), 429 and
	 * 5xx are outages. So is a rejected API key: that is for an operator to fix, not a reason to fail the guest's
	 * payment, and the job's retries give the operator time. An idempotency key reused with other parameters is a bug
	 * in our key derivation and is reported as one.
	 */
	static RuntimeException translate(StripeException ex, String operation) {
		return switch (ex) {
			case ApiConnectionException e -> unavailable(operation, e);
			case RateLimitException e -> unavailable(operation, e);
			case ApiException e -> unavailable(operation, e);
			case AuthenticationException e -> unavailable(operation, e);
			case IdempotencyException e -> new IllegalStateException(
					"Stripe " + operation + ": idempotency key reused with different parameters: " + e.getMessage(), e);
			default -> (isServerSide(ex.getStatusCode())) ? unavailable(operation, ex)
					: new IllegalStateException("Stripe " + operation + " failed: " + ex.getMessage(), ex);
		};
	}

	private static boolean isServerSide(Integer status) {
		return status != null && (status >= 500 || status == 409 || status == 429);
	}

	private static ProviderUnavailableException unavailable(String operation, StripeException ex) {
		String status = (ex.getStatusCode() != null && ex.getStatusCode() > 0) ? " (HTTP " + ex.getStatusCode() + ")" : "";
		return new ProviderUnavailableException("Stripe " + operation + " unavailable" + status + ": " + ex.getMessage(),
				ex);
	}
}
