package io.staybook.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a provider's webhook says, in our terms. It names the payment by our id ({@code paymentId}, the sandbox) or by
 * the provider's reference (Stripe's PaymentIntent id). A null {@code type} is an event we do not act on.
 */
public record ProviderEvent(String id, Type type, UUID paymentId, String providerReference, BigDecimal amount,
		String failureReason) {

	public enum Type {

		SUCCEEDED, FAILED, REFUNDED

	}
}
