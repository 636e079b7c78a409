package io.staybook.payment.stripe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stripe settings, under {@code staybook.payments.stripe}, read only when {@code staybook.payments.provider=stripe}.
 * The two secrets come only from the environment ({@code STAYBOOK_PAYMENTS_STRIPE_API_KEY},
 * {@code STAYBOOK_PAYMENTS_STRIPE_WEBHOOK_SECRET}) and never from a file in the repository.
 *
 * @param apiKey the secret API key ({@code sk_test_…} or {@code sk_live_…})
 * @param webhookSecret the signing secret of the webhook endpoint ({@code whsec_…})
 * @param apiBase where Stripe's API is; {@code null} for Stripe itself, a local URL in tests
 * @param timeout how long to wait to connect and for an answer before the job tries again later
 */
@ConfigurationProperties("staybook.payments.stripe")
public record StripeSettings(String apiKey, String webhookSecret, String apiBase,
		@DefaultValue("10s") Duration timeout) {

	/**
	 * @throws IllegalArgumentException for a time-out that is not positive or does not fit in an int of milliseconds
	 */
	public StripeSettings {
		if (timeout == null) {
			timeout = Duration.ofSeconds(10);
		}
		if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("staybook.payments.stripe.timeout must be positive, got " + timeout);
		}
	}

	/** Keeps the secrets out of logs and failure-analysis reports that print bound properties. */
	@Override
	public String toString() {
		return "StripeSettings[apiKey=" + masked(apiKey) + ", webhookSecret=" + masked(webhookSecret) + ", apiBase="
				+ apiBase + ", timeout=" + timeout + "]";
	}

	private static String masked(String secret) {
		return (secret == null || secret.isEmpty()) ? "(none)" : "(set)";
	}
}
