package io.staybook.payment.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param latency how long each sandbox call takes, like a real provider's round trip
 * @param idempotencyWindow how long a charge's or refund's idempotency key is remembered; at least 24 hours, as
 * Stripe's
 * @param maxIdempotencyKeys how many keys of each kind are remembered at most
 */
@ConfigurationProperties("staybook.payments.sandbox")
public record SandboxSettings(@DefaultValue("300ms") Duration latency, @DefaultValue("24h") Duration idempotencyWindow,
		@DefaultValue("100000") long maxIdempotencyKeys) {

	/** @throws IllegalArgumentException for an idempotency window under 24 hours or a key cap under 1 */
	public SandboxSettings {
		if (idempotencyWindow.compareTo(Duration.ofHours(24)) < 0) {
			throw new IllegalArgumentException(
					"staybook.payments.sandbox.idempotency-window must be at least 24h, as a real provider's");
		}
		if (maxIdempotencyKeys < 1) {
			throw new IllegalArgumentException("staybook.payments.sandbox.max-idempotency-keys must be at least 1");
		}
	}
}
