package io.staybook.reconciliation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.staybook.payment.stripe.StripePaymentProvider;
import io.staybook.payment.stripe.StripeSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The provider half of the reconciliation (R7) against a Stripe API (WireMock) that stalls: a run asks it once and
 * leaves the rest for the next run, instead of waiting for the timeout once per payment (200 a run, 10 s each).
 */
class ProviderChecksWireMockTests {

	@Test
	void aStalledProviderIsAskedOnceARunNotOncePerPayment() {
		WireMockServer stripe = new WireMockServer(wireMockConfig().dynamicPort());
		stripe.start();
		try {
			// past the client's 1 s timeout
			stripe.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(4000)));
			ProviderChecks checks = new ProviderChecks(new StripePaymentProvider(
					new StripeSettings("sk_test_staybook", null, stripe.baseUrl(), Duration.ofSeconds(1))),
					null); // no payment service: only a failed payment the provider took is handed to it
			List<ProviderChecks.Recorded> payments = List.of(paid("ch_1"), paid("ch_2"), paid("ch_3"));

			long start = System.nanoTime();
			assertThat(checks.run(payments)).as("an outage is no discrepancy").isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("one timeout, not one per payment")
				.isLessThan(Duration.ofMillis(2500));
			stripe.verify(1, anyRequestedFor(anyUrl()));
		}
		finally {
			stripe.stop();
		}
	}

	private static ProviderChecks.Recorded paid(String reference) {
		return new ProviderChecks.Recorded(UUID.randomUUID(), UUID.randomUUID(), reference, new BigDecimal("100.00"),
				"USD", BigDecimal.ZERO, BigDecimal.ZERO, false);
	}
}
