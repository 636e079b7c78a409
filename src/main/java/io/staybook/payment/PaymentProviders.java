package io.staybook.payment;

import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.payment.stripe.StripePaymentProvider;
import io.staybook.payment.stripe.StripeSettings;
import io.staybook.payment.stripe.StripeWebhookVerifier;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The payment provider of {@code staybook.payments.provider}: {@code sandbox} (the default) or {@code stripe}, chosen
 * when the application starts rather than by bean conditions, so that an AOT-processed jar (whose beans are fixed at
 * build time) follows the setting too. The sandbox is always a bean (a few empty in-memory maps; the tests drive it);
 * Stripe's client and webhook verifier are made only when selected, and refuse to start without their secrets.
 */
@Configuration(proxyBeanMethods = false)
class PaymentProviders {

	static final String SANDBOX = "sandbox";

	static final String STRIPE = "stripe";

	/**
	 * The provider every payment goes through.
	 * @throws IllegalStateException when the setting names no provider, or Stripe's API key is missing
	 */
	@Bean
	@Primary
	PaymentProvider paymentProvider(PaymentSettings settings, SandboxPaymentProvider sandbox,
			ObjectProvider<StripeSettings> stripe) {
		return switch (settings.provider()) {
			case SANDBOX -> sandbox;
			case STRIPE -> new StripePaymentProvider(stripe.getObject());
			default -> throw unknown(settings.provider());
		};
	}

	/**
	 * Stripe's webhook verifier when Stripe is the provider, else none (Stripe's webhook endpoint is then 404).
	 * @throws IllegalStateException when Stripe is selected without its webhook signing secret
	 */
	@Bean
	StripeWebhooks stripeWebhooks(PaymentSettings settings, ObjectProvider<StripeSettings> stripe, Clock clock) {
		return new StripeWebhooks(STRIPE.equals(settings.provider())
				? Optional.of(new StripeWebhookVerifier(stripe.getObject(), clock)) : Optional.empty());
	}

	private static IllegalStateException unknown(String provider) {
		return new IllegalStateException("staybook.payments.provider is '" + provider + "': set STAYBOOK_PAYMENTS_PROVIDER to "
				+ SANDBOX + " or " + STRIPE);
	}

	/** Stripe's webhook verifier, present when Stripe is the provider. */
	record StripeWebhooks(Optional<StripeWebhookVerifier> verifier) {
	}
}
