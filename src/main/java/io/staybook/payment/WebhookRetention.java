package io.staybook.payment;

import io.staybook.shared.jobs.Purge;
import io.staybook.shared.jobs.RetentionSettings;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long {@link Webhooks} remembers an event id: {@code staybook.retention.webhook-events}, and never less than the
 * longest redelivery of a provider we support, Stripe's 3 days in live mode (docs.stripe.com/webhooks, "Retry
 * behavior"), so that a redelivered event is always recognised.
 */
@Configuration(proxyBeanMethods = false)
class WebhookRetention {

	static final Duration LONGEST_PROVIDER_REDELIVERY = Duration.ofDays(3);

	@Bean
	Purge webhookEventsPurge(RetentionSettings retention) {
		return new Purge("webhook_events", "received_at", retention.webhookEvents())
			.keepingAtLeast(LONGEST_PROVIDER_REDELIVERY, "Stripe redelivers an event for up to 3 days");
	}
}
