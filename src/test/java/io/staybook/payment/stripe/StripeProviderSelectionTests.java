package io.staybook.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.payment.PaymentProvider;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which beans exist under which configuration, in a bare context with only this package's classes. */
class StripeProviderSelectionTests {

	final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Infrastructure.class, StripePaymentProvider.class, StripeWebhookVerifier.class);

	@Test
	void stripeIsOffUnlessSelected() {
		this.context.run((ctx) -> assertThat(ctx).doesNotHaveBean(PaymentProvider.class)
			.doesNotHaveBean(StripeWebhookVerifier.class));
		this.context.withPropertyValues("staybook.payments.provider=sandbox")
			.run((ctx) -> assertThat(ctx).doesNotHaveBean(PaymentProvider.class));
	}

	@Test
	void selectedWithItsSecretsStripeIsTheProvider() {
		this.context
			.withPropertyValues("staybook.payments.provider=stripe", "staybook.payments.stripe.api-key=sk_test_x",
					"staybook.payments.stripe.webhook-secret=whsec_x")
			.run((ctx) -> {
				assertThat(ctx).hasSingleBean(StripeWebhookVerifier.class);
				assertThat(ctx.getBean(PaymentProvider.class).name()).isEqualTo("stripe");
			});
	}

	@Test
	void selectedWithoutAnApiKeyTheApplicationDoesNotStart() {
		this.context
			.withPropertyValues("staybook.payments.provider=stripe", "staybook.payments.stripe.webhook-secret=whsec_x")
			.run((ctx) -> assertThat(ctx).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("STAYBOOK_PAYMENTS_STRIPE_API_KEY"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StripeSettings.class)
	static class Infrastructure {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}
	}
}
