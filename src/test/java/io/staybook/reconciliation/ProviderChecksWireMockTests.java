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

	/** The provider client's timeout here: 1 s was exceeded by a loaded machine's scheduling delays alone. */
	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	@Test
	void aStalledProviderIsAskedOnceARunNotOncePerPayment() {
		WireMockServer stripe = new WireMockServer(wireMockConfig().dynamicPort());
		stripe.start();
		try {
			// far past the client's timeout, which is long enough that a loaded machine's own delays stay well within
			// the margin below: one timeout takes TIMEOUT, one per payment would take three
			stripe.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
				.withFixedDelay(Math.toIntExact(TIMEOUT.multipliedBy(3).toMillis()))));
			ProviderChecks checks = new ProviderChecks(new StripePaymentProvider(
					new StripeSettings("sk_test_staybook", null, stripe.baseUrl(), TIMEOUT)),
					null); // no payment service: only a failed payment the provider took is handed to it
			List<ProviderChecks.Recorded> payments = List.of(paid("ch_1"), paid("ch_2"), paid("ch_3"));

			long start = System.nanoTime();
			assertThat(checks.run(payments)).as("an outage is no discrepancy").isEmpty();
			// the provider was asked once: the other payments were not sent to wait for their own timeouts
			stripe.verify(1, anyRequestedFor(anyUrl()));
			// and the run waited one timeout, not one per payment (3 x TIMEOUT); the bound leaves a whole timeout of
			// room for a slow machine, and no request can have been held back on the client unseen by the count
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("one timeout, not one per payment")
				.isLessThan(TIMEOUT.multipliedBy(2));
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
