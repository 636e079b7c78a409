package io.staybook.payment.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.staybook.payment.PaymentProvider.ChargeResult;
import io.staybook.payment.PaymentProvider.ProviderCharge;
import io.staybook.payment.PaymentProvider.ProviderUnavailableException;
import io.staybook.payment.PaymentProvider.RefundResult;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stripe provider against a local WireMock answering as Stripe's API does, status codes and bodies included. */
class StripePaymentProviderWireMockTests {

	static final String PAYMENT_INTENTS = "/v1/payment_intents";

	static final String REFUNDS = "/v1/refunds";

	static WireMockServer stripe;

	StripePaymentProvider provider;

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
		this.provider = provider(Duration.ofSeconds(5));
	}

	@Test
	void aConfirmedPaymentIntentIsASuccessWithItsId() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(200, StripeJson.paymentIntent("pi_3Sok1", 12000, "usd",
				"succeeded"))));

		ChargeResult result = this.provider.charge("payment-0193-charge", new BigDecimal("120.00"), "USD", "tok_visa");

		assertThat(result).isEqualTo(ChargeResult.succeeded("pi_3Sok1"));
		stripe.verify(1, postRequestedFor(urlEqualTo(PAYMENT_INTENTS))
			.withHeader("Idempotency-Key", equalTo("payment-0193-charge"))
			.withHeader("Authorization", equalTo("Bearer sk_test_staybook"))
			.withFormParam("amount", equalTo("12000"))
			.withFormParam("currency", equalTo("usd"))
			.withFormParam("confirm", equalTo("true"))
			.withFormParam("error_on_requires_action", equalTo("true"))
			.withFormParam("payment_method_data[type]", equalTo("card"))
			.withFormParam("payment_method_data[card][token]", equalTo("tok_visa"))
			.withFormParam("payment_method", absent()));
	}

	/**
	 * The charge's key rides in the intent's metadata: when every answer to the call is lost and the payment is given
	 * up, Stripe's later payment_intent.succeeded still names our payment (see LateChargeIntegrationTests).
	 */
	@Test
	void theChargeKeyGoesIntoTheIntentsMetadata() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(200, StripeJson.paymentIntent("pi_3Sok9", 12000, "usd",
				"succeeded"))));

		this.provider.charge("charge-0193", new BigDecimal("120.00"), "USD", "tok_visa");

		stripe.verify(postRequestedFor(urlEqualTo(PAYMENT_INTENTS))
			.withFormParam("metadata[" + StripeEvent.CHARGE_KEY + "]", equalTo("charge-0193")));
	}

	@Test
	void onlyCardsAreOfferedSoThatNoRedirectIsNeeded() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(200, StripeJson.paymentIntent("pi_3Sok2", 12000, "usd",
				"succeeded"))));

		this.provider.charge("payment-0193-charge", new BigDecimal("120.00"), "USD", "tok_visa");

		stripe.verify(postRequestedFor(urlEqualTo(PAYMENT_INTENTS)).withFormParam("payment_method_types[0]", equalTo("card")));
		String form = stripe.getAllServeEvents().getFirst().getRequest().getBodyAsString();
		assertThat(form).doesNotContain("automatic_payment_methods");
	}

	@Test
	void aPaymentMethodIdIsSentAsThePaymentMethod() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(200, StripeJson.paymentIntent("pi_3Sok3", 12000, "usd",
				"succeeded"))));

		this.provider.charge("payment-0193-charge", new BigDecimal("120.00"), "USD", "pm_card_visa");

		stripe.verify(postRequestedFor(urlEqualTo(PAYMENT_INTENTS)).withFormParam("payment_method", equalTo("pm_card_visa"))
			.withFormParam("payment_method_data[type]", absent()));
	}

	@Test
	void yenHaveNoMinorUnit() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(200, StripeJson.paymentIntent("pi_3Sok4", 15000, "jpy",
				"succeeded"))));

		this.provider.charge("payment-0194-charge", new BigDecimal("15000.00"), "JPY", "tok_visa");

		stripe.verify(postRequestedFor(urlEqualTo(PAYMENT_INTENTS)).withFormParam("amount", equalTo("15000"))
			.withFormParam("currency", equalTo("jpy")));
	}

	@Test
	void aDeclinedCardIsAFailureWithTheDeclineCode() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(402,
				StripeJson.cardError("pi_3Sok5", "card_declined", "card_declined", "Your card was declined."))));

		ChargeResult result = this.provider.charge("payment-0195-charge", new BigDecimal("120.00"), "USD",
				"tok_chargeDeclined");

		assertThat(result).isEqualTo(ChargeResult.failed("pi_3Sok5", "card_declined"));
	}

	@Test
	void aGenericDeclineReadsCardDeclinedAsWithTheSandbox() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(402,
				StripeJson.cardError("pi_3Sok6", "card_declined", "generic_decline", "Your card was declined."))));

		ChargeResult result = this.provider.charge("payment-0196-charge", BigDecimal.TEN, "USD", "tok_chargeDeclined");

		assertThat(result.failureReason()).isEqualTo("card_declined");
	}

	@Test
	void aSpecificDeclineKeepsItsDeclineCode() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(402, StripeJson.cardError("pi_3Sok7", "card_declined",
				"insufficient_funds", "Your card has insufficient funds."))));

		ChargeResult result = this.provider.charge("payment-0197-charge", BigDecimal.TEN, "USD",
				"tok_chargeDeclinedInsufficientFunds");

		assertThat(result).isEqualTo(ChargeResult.failed("pi_3Sok7", "insufficient_funds"));
	}

	@Test
	void anUnknownTokenIsAnInvalidToken() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(400, StripeJson.invalidRequest("resource_missing",
				"payment_method_data[card][token]", "No such token: 'tok_bogus'"))));

		ChargeResult result = this.provider.charge("payment-0198-charge", BigDecimal.TEN, "USD", "tok_bogus");

		assertThat(result).isEqualTo(ChargeResult.failed(null, "invalid_token"));
	}

	@Test
	void aMissingTokenIsAnInvalidTokenWithoutAskingStripe() {
		assertThat(this.provider.charge("payment-0198-charge", BigDecimal.TEN, "USD", " "))
			.isEqualTo(ChargeResult.failed(null, "invalid_token"));
		assertThat(stripe.getAllServeEvents()).isEmpty();
	}

	@Test
	void aServerErrorIsAnOutageAndIsNotRetriedByTheLibrary() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(500, StripeJson.apiError())
			.withHeader("Stripe-Should-Retry", "true")));

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.charge("payment-0199-charge", BigDecimal.TEN, "USD", "tok_visa"))
			.withMessageContaining("HTTP 500");
		// one request only: the job retries later with the same key, stripe-java must not add its own attempts
		stripe.verify(1, postRequestedFor(urlEqualTo(PAYMENT_INTENTS)));
	}

	@Test
	void theJobsRetryAfterAnOutageAsksWithTheSameKey() {
		stripe.stubFor(post(PAYMENT_INTENTS).inScenario("outage")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(json(502, StripeJson.apiError()))
			.willSetStateTo("recovered"));
		stripe.stubFor(post(PAYMENT_INTENTS).inScenario("outage")
			.whenScenarioStateIs("recovered")
			.willReturn(json(200, StripeJson.paymentIntent("pi_3Sok11", 1000, "usd", "succeeded"))));

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.charge("payment-0203-charge", BigDecimal.TEN, "USD", "tok_visa"));
		ChargeResult retried = this.provider.charge("payment-0203-charge", BigDecimal.TEN, "USD", "tok_visa");

		assertThat(retried).isEqualTo(ChargeResult.succeeded("pi_3Sok11"));
		stripe.verify(2, postRequestedFor(urlEqualTo(PAYMENT_INTENTS))
			.withHeader("Idempotency-Key", equalTo("payment-0203-charge")));
	}

	@Test
	void rateLimitingIsAnOutage() {
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(429, StripeJson.rateLimited())));

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.charge("payment-0200-charge", BigDecimal.TEN, "USD", "tok_visa"));
		stripe.verify(1, postRequestedFor(urlEqualTo(PAYMENT_INTENTS)));
	}

	@Test
	void anAnswerSlowerThanTheTimeoutIsAnOutage() {
		StripePaymentProvider impatient = provider(Duration.ofMillis(250));
		stripe.stubFor(post(PAYMENT_INTENTS).willReturn(json(200, StripeJson.paymentIntent("pi_3Sok8", 1000, "usd",
				"succeeded"))
			.withFixedDelay(2_000)));

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> impatient.charge("payment-0201-charge", BigDecimal.TEN, "USD", "tok_visa"));
		stripe.verify(1, postRequestedFor(urlEqualTo(PAYMENT_INTENTS)));
	}

	@Test
	void anUnreachableStripeIsAnOutage() {
		StripePaymentProvider nowhere = new StripePaymentProvider(
				new StripeSettings("sk_test_staybook", null, "http://127.0.0.1:1", Duration.ofSeconds(1)));

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> nowhere.charge("payment-0202-charge", BigDecimal.TEN, "USD", "tok_visa"));
	}

	@Test
	void aRefundSendsTheIntentAndTheAmountInMinorUnitsWithItsKey() {
		stripe.stubFor(post(REFUNDS).willReturn(json(200, StripeJson.refund("re_3Sok9", "pi_3Sok1", 5050, "succeeded"))));

		RefundResult result = this.provider.refund("payment-0193-refund-1", "pi_3Sok1", new BigDecimal("50.50"), "USD");

		assertThat(result).isEqualTo(new RefundResult("re_3Sok9"));
		stripe.verify(1, postRequestedFor(urlEqualTo(REFUNDS))
			.withHeader("Idempotency-Key", equalTo("payment-0193-refund-1"))
			.withFormParam("payment_intent", equalTo("pi_3Sok1"))
			.withFormParam("amount", equalTo("5050")));
	}

	@Test
	void aPendingRefundIsAccepted() {
		stripe.stubFor(post(REFUNDS).willReturn(json(200, StripeJson.refund("re_3Sok10", "pi_3Sok1", 5050, "pending"))));

		assertThat(this.provider.refund("payment-0193-refund-2", "pi_3Sok1", new BigDecimal("50.50"), "USD"))
			.isEqualTo(new RefundResult("re_3Sok10"));
	}

	@Test
	void aRefundDuringAnOutageIsRetriedLater() {
		stripe.stubFor(post(REFUNDS).willReturn(json(503, StripeJson.apiError())));

		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.refund("payment-0193-refund-3", "pi_3Sok1", BigDecimal.TEN, "USD"));
		stripe.verify(1, postRequestedFor(urlEqualTo(REFUNDS)));
	}

	@Test
	void aRefusedRefundIsNeitherASuccessNorAnOutage() {
		stripe.stubFor(post(REFUNDS).willReturn(json(400, StripeJson.invalidRequest("charge_already_refunded", null,
				"Charge ch_3Sok1 has already been refunded."))));

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.provider.refund("payment-0193-refund-4", "pi_3Sok1", BigDecimal.TEN, "USD"))
			.withMessageContaining("already been refunded");
	}

	@Test
	void aLookupReadsWhatTheIntentTookAndWhatItsChargeGaveBack() {
		String intent = StripeJson.paymentIntent("pi_3Sok1", 12000, "usd", "succeeded")
			.replace("\"latest_charge\": \"ch_pi_3Sok1\"",
					"\"latest_charge\": " + StripeJson.refundedCharge("ch_3Sok1", "pi_3Sok1", 12000, 5050));
		stripe.stubFor(get(urlPathEqualTo(PAYMENT_INTENTS + "/pi_3Sok1")).willReturn(json(200, intent)));

		assertThat(this.provider.lookup("pi_3Sok1", "USD"))
			.contains(new ProviderCharge("pi_3Sok1", new BigDecimal("120.00"), new BigDecimal("50.50")));
		stripe.verify(1, getRequestedFor(urlPathEqualTo(PAYMENT_INTENTS + "/pi_3Sok1"))
			.withQueryParam("expand[0]", equalTo("latest_charge")));
	}

	@Test
	void anIntentStripeDoesNotKnowTookNothingAndAnOutageIsNotAnAnswer() {
		stripe.stubFor(get(urlPathEqualTo(PAYMENT_INTENTS + "/pi_gone")).willReturn(json(404,
				StripeJson.invalidRequest("resource_missing", "intent", "No such payment_intent: 'pi_gone'"))));
		stripe.stubFor(get(urlPathEqualTo(PAYMENT_INTENTS + "/pi_down")).willReturn(json(503, StripeJson.apiError())));

		assertThat(this.provider.lookup("pi_gone", "USD"))
			.contains(new ProviderCharge("pi_gone", new BigDecimal("0.00"), new BigDecimal("0.00")));
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.lookup("pi_down", "USD"));
	}

	/**
	 * A charge whose every answer was lost is found by the charge key in its metadata (Stripe's Search API), with what
	 * it took and gave back; a key no intent has finds nothing, and an outage is not an answer.
	 */
	@Test
	void aChargeIsFoundByItsKeyInTheIntentsMetadata() {
		String intent = StripeJson.paymentIntent("pi_3Sok7", 15000, "jpy", "succeeded");
		stripe.stubFor(get(urlPathEqualTo(PAYMENT_INTENTS + "/search"))
			.withQueryParam("query", equalTo("metadata['staybook_charge_key']:'charge-0193'"))
			.willReturn(json(200, searchResult(intent))));
		stripe.stubFor(get(urlPathEqualTo(PAYMENT_INTENTS + "/search"))
			.withQueryParam("query", equalTo("metadata['staybook_charge_key']:'charge-none'"))
			.willReturn(json(200, searchResult())));
		stripe.stubFor(get(urlPathEqualTo(PAYMENT_INTENTS + "/search"))
			.withQueryParam("query", equalTo("metadata['staybook_charge_key']:'charge-down'"))
			.willReturn(json(503, StripeJson.apiError())));

		assertThat(this.provider.findByChargeKey("charge-0193", "JPY"))
			.contains(new ProviderCharge("pi_3Sok7", new BigDecimal("15000"), BigDecimal.ZERO));
		assertThat(this.provider.findByChargeKey("charge-none", "USD")).isEmpty();
		assertThatExceptionOfType(ProviderUnavailableException.class)
			.isThrownBy(() -> this.provider.findByChargeKey("charge-down", "USD"));
		stripe.verify(getRequestedFor(urlPathEqualTo(PAYMENT_INTENTS + "/search"))
			.withQueryParam("expand[0]", equalTo("data.latest_charge")));
	}

	private static String searchResult(String... intents) {
		return """
				{"object": "search_result", "url": "/v1/payment_intents/search", "has_more": false,
				 "next_page": null, "data": [%s]}""".formatted(String.join(",", intents));
	}

	private static StripePaymentProvider provider(Duration timeout) {
		return new StripePaymentProvider(new StripeSettings("sk_test_staybook", null, stripe.baseUrl(), timeout));
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("Request-Id", "req_staybook")
			.withBody(body);
	}
}
