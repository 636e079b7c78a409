package io.staybook.payment.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.staybook.payment.PaymentProvider.PayoutOrder;
import io.staybook.payment.PaymentProvider.PayoutResult;
import io.staybook.payment.PaymentProvider.ProviderUnavailableException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payouts as Stripe Connect transfers ({@code POST /v1/transfers}) against a local WireMock answering as Stripe's API
 * does: the request's form body and idempotency key, a refusal as a failed payout, an outage as a retry.
 */
class StripeTransferWireMockTests {

	static final String TRANSFERS = "/v1/transfers";

	static WireMockServer stripe;

	StripePaymentProvider provider;

	final UUID payoutId = UUID.fromString("0193a0b0-0000-7000-8000-000000000001");

	final UUID bookingId = UUID.fromString("0193a0b0-0000-7000-8000-000000000002");

	@BeforeAll
	static void startStripe() {
		stripe = new WireMockServer(wireMockConfig().dynamicPort());
		stripe.start();
	}

	@AfterAll
	static void stopStripe() {
		stripe.stop();
	}

	@BeforeEach
	void resetStripe() {
		stripe.resetAll();
		provider = new StripePaymentProvider(
				new StripeSettings("sk_test_staybook", null, stripe.baseUrl(), Duration.ofSeconds(5)));
	}

	@Test
	void aTransferToTheHostsConnectedAccountIsAPaidPayoutWithItsId() {
		stripe.stubFor(post(TRANSFERS).willReturn(json(200, transfer("tr_1Sok1", 21898, "usd", "acct_1Host"))));

		PayoutResult result = provider.payout("payout-" + payoutId + "-1", order("218.98", "USD", "acct_1Host"));

		assertThat(result).isEqualTo(PayoutResult.paid("tr_1Sok1"));
		stripe.verify(1, postRequestedFor(urlEqualTo(TRANSFERS))
			.withHeader("Idempotency-Key", equalTo("payout-" + payoutId + "-1"))
			.withHeader("Authorization", equalTo("Bearer sk_test_staybook"))
			.withFormParam("amount", equalTo("21898"))
			.withFormParam("currency", equalTo("usd"))
			.withFormParam("destination", equalTo("acct_1Host"))
			.withFormParam("transfer_group", equalTo("booking_" + bookingId))
			.withFormParam("metadata[booking_id]", equalTo(bookingId.toString()))
			.withFormParam("metadata[payout_id]", equalTo(payoutId.toString())));
	}

	@Test
	void amountsAreInTheCurrencysMinorUnit() {
		stripe.stubFor(post(TRANSFERS).willReturn(json(200, transfer("tr_1Jpy", 15000, "jpy", "acct_1Host"))));

		assertThat(provider.payout("payout-jpy-1", order("15000.00", "JPY", "acct_1Host")).succeeded()).isTrue();

		stripe.verify(postRequestedFor(urlEqualTo(TRANSFERS)).withFormParam("amount", equalTo("15000"))
			.withFormParam("currency", equalTo("jpy")));
	}

	@Test
	void aHostWithoutAConnectedAccountIsRefusedWithoutACall() {
		PayoutResult result = provider.payout("payout-x-1", order("10.00", "USD", null));

		assertThat(result).isEqualTo(PayoutResult.refused("no_payout_account"));
		stripe.verify(0, postRequestedFor(urlEqualTo(TRANSFERS)));
	}

	@Test
	void aTransferStripeRejectsIsARefusalWithItsCode() {
		stripe.stubFor(post(TRANSFERS).willReturn(json(400, StripeJson.invalidRequest("balance_insufficient", null,
				"You have insufficient available funds in your Stripe account."))));

		PayoutResult result = provider.payout("payout-y-1", order("10.00", "USD", "acct_1Host"));

		assertThat(result).isEqualTo(PayoutResult.refused("balance_insufficient"));
	}

	@Test
	void anOutageIsRetriedLaterWithTheSameKey() {
		stripe.stubFor(post(TRANSFERS).willReturn(json(500, StripeJson.apiError())));

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> provider.payout("payout-z-1", order("10.00", "USD", "acct_1Host")));
		stripe.stubFor(post(TRANSFERS).willReturn(json(429, StripeJson.rateLimited())));
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> provider.payout("payout-z-1", order("10.00", "USD", "acct_1Host")));
		stripe.stubFor(post(TRANSFERS).willReturn(json(200, transfer("tr_1Late", 1000, "usd", "acct_1Host"))));
		assertThat(provider.payout("payout-z-1", order("10.00", "USD", "acct_1Host")))
			.isEqualTo(PayoutResult.paid("tr_1Late"));

		stripe.verify(3, postRequestedFor(urlEqualTo(TRANSFERS)).withHeader("Idempotency-Key", equalTo("payout-z-1")));
	}

	private PayoutOrder order(String amount, String currency, String destination) {
		return new PayoutOrder(payoutId, bookingId, UUID.randomUUID(), new BigDecimal(amount), currency, destination);
	}

	/** A transfer object as Stripe answers {@code POST /v1/transfers}. */
	static String transfer(String id, long amount, String currency, String destination) {
		return """
				{"id": "%s", "object": "transfer", "amount": %d, "amount_reversed": 0, "currency": "%s",
				 "destination": "%s", "livemode": false, "reversed": false, "transfer_group": null,
				 "metadata": {}, "created": 1764412800}""".formatted(id, amount, currency, destination);
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("Request-Id", "req_staybook")
			.withBody(body);
	}
}
