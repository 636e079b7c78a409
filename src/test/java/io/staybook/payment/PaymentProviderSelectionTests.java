package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.payment.sandbox.SandboxSettings;
import io.staybook.payment.stripe.StripeSettings;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which provider {@code staybook.payments.provider} selects, in a bare context with only the payment providers. The
 * choice is made when the beans are made (not by bean conditions, which an AOT-processed jar fixes at build time), so
 * the same beans exist under every setting and the setting decides what they do.
 */
class PaymentProviderSelectionTests {

	final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Infrastructure.class, SandboxPaymentProvider.class, PaymentProviders.class);

	@Test
	void theSandboxUnlessStripeIsSelected() {
		this.context.run((ctx) -> {
			assertThat(ctx.getBean(PaymentProvider.class).name()).isEqualTo("sandbox");
			assertThat(ctx.getBean(PaymentProviders.StripeWebhooks.class).verifier()).isEmpty();
		});
		this.context.withPropertyValues("staybook.payments.provider=sandbox")
			.run((ctx) -> assertThat(ctx.getBean(PaymentProvider.class).name()).isEqualTo("sandbox"));
	}

	@Test
	void selectedWithItsSecretsStripeIsTheProvider() {
		this.context
			.withPropertyValues("staybook.payments.provider=stripe", "staybook.payments.stripe.api-key=sk_test_x",
					"staybook.payments.stripe.webhook-secret=whsec_x")
			.run((ctx) -> {
				assertThat(ctx.getBean(PaymentProviders.StripeWebhooks.class).verifier()).isPresent();
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

	@Test
	void selectedWithoutAWebhookSecretTheApplicationDoesNotStart() {
		this.context.withPropertyValues("staybook.payments.provider=stripe", "staybook.payments.stripe.api-key=sk_test_x")
			.run((ctx) -> assertThat(ctx).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("STAYBOOK_PAYMENTS_STRIPE_WEBHOOK_SECRET"));
	}

	@Test
	void anUnknownProviderDoesNotStart() {
		this.context.withPropertyValues("staybook.payments.provider=paypal")
			.run((ctx) -> assertThat(ctx).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("STAYBOOK_PAYMENTS_PROVIDER"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PaymentSettings.class, StripeSettings.class, SandboxSettings.class })
	static class Infrastructure {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}
	}
}
