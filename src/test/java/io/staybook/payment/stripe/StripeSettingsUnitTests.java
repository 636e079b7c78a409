package io.staybook.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class StripeSettingsUnitTests {

	@Test
	void theSecretsBindFromTheEnvironmentVariablesTheOperatorSets() {
		StripeSettings settings = bind(Map.of("STAYBOOK_PAYMENTS_STRIPE_API_KEY", "sk_test_from_env",
				"STAYBOOK_PAYMENTS_STRIPE_WEBHOOK_SECRET", "whsec_from_env"));

		assertThat(settings.apiKey()).isEqualTo("sk_test_from_env");
		assertThat(settings.webhookSecret()).isEqualTo("whsec_from_env");
	}

	@Test
	void withoutConfigurationStripeItselfIsCalledWithATenSecondTimeout() {
		StripeSettings settings = bind(Map.of("STAYBOOK_PAYMENTS_STRIPE_API_KEY", "sk_test_from_env"));

		assertThat(settings.apiBase()).isNull();
		assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void theSecretsAreNotPrinted() {
		StripeSettings settings = new StripeSettings("sk_live_secret", "whsec_secret", null, null);

		assertThat(settings.toString()).doesNotContain("sk_live_secret", "whsec_secret").contains("apiKey=(set)");
	}

	private static StripeSettings bind(Map<String, Object> environment) {
		var env = new StandardEnvironment();
		env.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test", environment));
		return new Binder(ConfigurationPropertySources.get(env)).bindOrCreate("staybook.payments.stripe",
				StripeSettings.class);
	}
}
