package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.shared.DomainException;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /payments/webhooks/{provider}}: signed sandbox events move a payment and its booking; a bad or stale
 * signature and a repeated event id change nothing. The payments here are written pending without a charge job (see
 * {@link PaymentFixtures#insertPendingPayment}), so that only the events move them.
 */
@IntegrationTest
class WebhookIntegrationTests {

	static final String SECRET = "test-webhook-secret";

	static final String SANDBOX = "/api/v1/payments/webhooks/sandbox";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PaymentService payments;

	PaymentFixtures fixtures;

	/** Every response of the test, to show that none was a server error. */
	final List<Api.Response> responses = new ArrayList<>();

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void noServerErrorAndResetClock() {
		clock.reset();
		assertThat(responses).as("no 5xx anywhere").allMatch(r -> r.status() < 500, "status < 500");
	}

	@Test
	void aSignedSucceededEventCompletesThePaymentAndConfirmsTheBooking() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);

		var response = deliver(event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, ""));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.body().path("received").asBoolean()).isTrue();
		assertThat(response.body().path("duplicate").asBoolean()).isFalse();
		JsonNode completed = fixtures.payment(stay.guest(), payment);
		assertThat(completed.path("status").asString()).isEqualTo("completed");
		assertThat(completed.path("provider_reference").asString()).isNotBlank();
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
	}

	@Test
	void aTrailingSlashIsAccepted() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		String body = event("evt_" + UUID.randomUUID(), "payment.failed", payment, "");

		var response = send(SANDBOX + "/", body, WebhookSignature.sign(SECRET, clock.instant().getEpochSecond(), body));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(fixtures.payment(stay.guest(), payment).path("failure_reason").asString())
			.isEqualTo("provider_declined");
	}

	@Test
	void aRepeatedEventIdChangesNothing() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		String id = "evt_" + UUID.randomUUID();
		String succeeded = event(id, "payment.succeeded", payment, "");
		assertThat(deliver(succeeded).status()).isEqualTo(200);
		JsonNode before = fixtures.payment(stay.guest(), payment);

		var repeat = deliver(succeeded);
		var sameIdOtherType = deliver(event(id, "payment.refunded", payment, ",\"amount\":\"10.00\""));
		var sameIdFailed = deliver(event(id, "payment.failed", payment, ",\"failure_reason\":\"card_declined\""));

		for (var duplicate : List.of(repeat, sameIdOtherType, sameIdFailed)) {
			assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(200);
			assertThat(duplicate.body().path("received").asBoolean()).isTrue();
			assertThat(duplicate.body().path("duplicate").asBoolean()).isTrue();
		}
		JsonNode after = fixtures.payment(stay.guest(), payment);
		assertThat(after).isEqualTo(before);
		assertThat(after.path("status").asString()).isEqualTo("completed");
		assertThat(after.path("refunded_amount").asString()).isEqualTo("0.00");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
	}

	@Test
	void aBadSignatureIsA400AndChangesNothing() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		String id = "evt_" + UUID.randomUUID();
		String body = event(id, "payment.succeeded", payment, "");
		long now = clock.instant().getEpochSecond();

		var wrongSecret = deliver(body, WebhookSignature.sign("not-the-secret", now, body));
		var otherBody = deliver(body, WebhookSignature.sign(SECRET, now, body + " "));
		var otherTimestamp = deliver(body, "t=" + (now - 1) + ","
				+ WebhookSignature.sign(SECRET, now, body).split(",")[1]);
		var notHex = deliver(body, "t=" + now + ",v1=zz");

		for (var refused : List.of(wrongSecret, otherBody, otherTimestamp, notHex)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.contentType()).startsWith("application/problem+json");
			assertThat(refused.body().path("code").asString()).isEqualTo("invalid_signature");
		}
		assertPending(stay, payment);
		var genuine = deliver(body);
		assertThat(genuine.body().path("duplicate").asBoolean())
			.as("a refused delivery did not record the event id")
			.isFalse();
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("completed");
	}

	@Test
	void aTimestampMoreThanFiveMinutesOffIsA400AndChangesNothing() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		String body = event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, "");
		long now = clock.instant().getEpochSecond();

		var sixMinutesOld = deliver(body, WebhookSignature.sign(SECRET, now - Duration.ofMinutes(6).toSeconds(), body));
		var sixMinutesAhead = deliver(body,
				WebhookSignature.sign(SECRET, now + Duration.ofMinutes(6).toSeconds(), body));

		for (var stale : List.of(sixMinutesOld, sixMinutesAhead)) {
			assertThat(stale.status()).as(stale.toString()).isEqualTo(400);
			assertThat(stale.body().path("code").asString()).isEqualTo("stale_signature");
		}
		assertPending(stay, payment);

		var fourMinutesOld = deliver(body, WebhookSignature.sign(SECRET, now - Duration.ofMinutes(4).toSeconds(), body));
		assertThat(fourMinutesOld.status()).as("within the tolerance: " + fourMinutesOld).isEqualTo(200);
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("completed");
	}

	@Test
	void aMissingOrMalformedSignatureHeaderIsA400() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		String body = event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, "");
		String v1 = WebhookSignature.sign(SECRET, clock.instant().getEpochSecond(), body).split(",")[1];

		var missing = deliver(body, null);
		var garbage = deliver(body, "garbage");
		var noTimestamp = deliver(body, v1);
		var badTimestamp = deliver(body, "t=yesterday," + v1);
		var empty = deliver(body, "");

		for (var refused : List.of(missing, garbage, noTimestamp, badTimestamp, empty)) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.contentType()).startsWith("application/problem+json");
		}
		assertPending(stay, payment);
	}

	@Test
	void aFailedEventFailsThePaymentWithItsReasonAndTheBookingStaysPayable() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);

		var response = deliver(event("evt_" + UUID.randomUUID(), "payment.failed", payment,
				",\"failure_reason\":\"insufficient_funds\""));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode failed = fixtures.payment(stay.guest(), payment);
		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.path("failure_reason").asString()).isEqualTo("insufficient_funds");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");

		// the provider took the money after all (events come in any order): while the hold lasts, it pays for the
		// booking; it is never dropped while the money stays taken (LateChargeIntegrationTests)
		var lateSuccess = deliver(event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, ""));
		assertThat(lateSuccess.status()).isEqualTo(200);
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString())
			.as("a success the provider reports after a failure is the truth of the money")
			.isEqualTo("completed");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
	}

	@Test
	void aRefundedEventWithAnAmountRefundsPartlyAndWithoutOneInFull() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		assertThat(deliver(event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, "")).status())
			.isEqualTo(200);

		var partly = deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
				",\"amount\":\"10.00\""));

		assertThat(partly.status()).as(partly.toString()).isEqualTo(200);
		JsonNode partial = fixtures.payment(stay.guest(), payment);
		assertThat(partial.path("status").asString()).isEqualTo("partially_refunded");
		assertThat(partial.path("refunded_amount").asString()).isEqualTo("10.00");
		assertThat(partial.path("amount").asString()).isEqualTo(stay.booking().path("total_price").asString());

		var inFull = deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment, ""));

		assertThat(inFull.status()).as(inFull.toString()).isEqualTo(200);
		JsonNode full = fixtures.payment(stay.guest(), payment);
		assertThat(full.path("status").asString()).isEqualTo("refunded");
		assertThat(full.path("refunded_amount").asString()).isEqualTo(full.path("amount").asString());
	}

	/** Providers do not promise the order of their events: an older, smaller refund total must not undo a newer one. */
	@Test
	void aRefundEventThatArrivesLateDoesNotMoveTheRefundBackwards() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		assertThat(deliver(event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, "")).status())
			.isEqualTo(200);
		assertThat(deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment, ",\"amount\":\"50.00\""))
			.status()).isEqualTo(200);
		assertThat(deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment, "")).status())
			.isEqualTo(200);

		var late = deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment, ",\"amount\":\"50.00\""));

		assertThat(late.status()).as(late.toString()).isEqualTo(200);
		JsonNode current = fixtures.payment(stay.guest(), payment);
		assertThat(current.path("status").asString()).isEqualTo("refunded");
		assertThat(current.path("refunded_amount").asString()).isEqualTo(current.path("amount").asString());
	}

	@Test
	void aRefundAmountThePaymentCannotHoldChangesNothing() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		assertThat(deliver(event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, "")).status())
			.isEqualTo(200);
		JsonNode before = fixtures.payment(stay.guest(), payment);

		var negative = deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
				",\"amount\":\"-5.00\""));
		var moreThanPaid = deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
				",\"amount\":\"100000.00\""));
		var notANumber = deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
				",\"amount\":\"ten\""));

		assertThat(notANumber.status()).as(notANumber.toString()).isEqualTo(400);
		assertThat(List.of(negative, moreThanPaid)).allMatch(r -> r.status() < 500, "no server error");
		assertThat(fixtures.payment(stay.guest(), payment)).isEqualTo(before);
	}

	/** A refund made at the provider without us (its dashboard): one {@code provider} refund, however often told. */
	@Test
	void aRefundWeDidNotMakeIsRecordedOnceHoweverOftenItIsToldOf() {
		Stay stay = fixtures.stay();
		UUID payment = completedByEvent(stay);
		String reference = "re_dashboard_" + UUID.randomUUID();
		String dashboardRefund = event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
				",\"amount\":\"30.00\",\"refund_reference\":\"" + reference + "\"");

		var first = deliver(dashboardRefund);
		var replay = deliver(dashboardRefund);
		var redelivered = deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
				",\"amount\":\"30.00\",\"refund_reference\":\"" + reference + "\""));
		var sameTotal = deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
				",\"amount\":\"30.00\""));

		assertThat(List.of(first, replay, redelivered, sameTotal)).allMatch(r -> r.status() == 200, "200");
		assertThat(replay.body().path("duplicate").asBoolean()).isTrue();
		assertThat(jdbc.queryForList("select reason || ' ' || status || ' ' || amount || ' ' || provider_reference"
				+ " from refunds where payment_id = ?", String.class, payment))
			.containsExactly("provider succeeded 30.00 " + reference);
		JsonNode current = fixtures.payment(stay.guest(), payment);
		assertThat(current.path("refunded_amount").asString()).isEqualTo("30.00");
		assertThat(current.path("status").asString()).isEqualTo("partially_refunded");
	}

	/** The provider tells of our own refund (its answer to the job was lost, say): the refund succeeds, once. */
	@Test
	void aRefundEventNamingOurPendingRefundSettlesItAndAddsNothing() {
		Stay stay = fixtures.stay();
		UUID payment = completedByEvent(stay);
		// a refund decided by us (of a booking not cancelled, so not a cancellation's: V45)
		UUID refund = PaymentFixtures.insertPendingRefund(jdbc, payment, new java.math.BigDecimal("25.00"),
				"amount_mismatch");
		String told = ",\"amount\":\"25.00\",\"refund_reference\":\"re_sandbox_refund-" + refund
				+ "\",\"idempotency_key\":\"refund-" + refund + "\"";

		assertThat(deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment, told)).status())
			.isEqualTo(200);
		assertThat(deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment, told)).status())
			.isEqualTo(200);

		assertThat(jdbc.queryForList("select reason || ' ' || status || ' ' || provider_reference from refunds"
				+ " where payment_id = ?", String.class, payment))
			.containsExactly("amount_mismatch succeeded re_sandbox_refund-" + refund);
		assertThat(fixtures.payment(stay.guest(), payment).path("refunded_amount").asString()).isEqualTo("25.00");
	}

	@Test
	void aRefundEventForOnePaymentNamingAnotherPaymentsRefundLeavesThatRefundAlone() {
		Stay other = fixtures.stay();
		UUID otherPayment = completedByEvent(other);
		UUID othersRefund = PaymentFixtures.insertPendingRefund(jdbc, otherPayment, new java.math.BigDecimal("5.00"),
				"amount_mismatch");
		Stay stay = fixtures.stay();
		UUID payment = completedByEvent(stay);

		var response = deliver(event("evt_" + UUID.randomUUID(), "payment.refunded", payment,
				",\"amount\":\"5.00\",\"idempotency_key\":\"refund-" + othersRefund + "\""));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(jdbc.queryForObject("select status from refunds where id = ?", String.class, othersRefund))
			.isEqualTo("pending");
		assertThat(jdbc.queryForList("select reason || ' ' || amount from refunds where payment_id = ?", String.class,
				payment))
			.containsExactly("provider 5.00");
	}

	/**
	 * An unknown provider's endpoint is a 404, and so is a known one not selected: Stripe's while the sandbox is the
	 * provider.
	 */
	@Test
	void anUnknownProviderIsA404() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		String body = event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, "");

		for (String provider : List.of("acme", "stripe")) {
			var response = send("/api/v1/payments/webhooks/" + provider, body,
					WebhookSignature.sign(SECRET, clock.instant().getEpochSecond(), body));

			assertThat(response.status()).as(response.toString()).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		assertPending(stay, payment);
	}

	@Test
	void aSignedBodyThatIsNotAValidEventIsA400() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);

		List<String> bodies = List.of("{\"id\": \"evt_1\", \"type\": ", "not json at all", "",
				"[]", "null",
				"{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"payment.exploded\",\"data\":{\"payment_id\":\""
						+ payment + "\"}}",
				"{\"type\":\"payment.succeeded\",\"data\":{\"payment_id\":\"" + payment + "\"}}",
				"{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"payment.succeeded\",\"data\":{}}",
				"{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"payment.succeeded\",\"data\":{\"payment_id\":"
						+ "\"not-a-uuid\"}}");

		for (String body : bodies) {
			var response = deliver(body);
			assertThat(response.status()).as("«" + body + "» → " + response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.text()).doesNotContain("Exception").doesNotContain("jackson");
		}
		assertPending(stay, payment);
	}

	@Test
	void anEventForAnUnknownPaymentIsAcknowledgedAndIgnored() {
		var response = deliver(event("evt_" + UUID.randomUUID(), "payment.succeeded", UUID.randomUUID(), ""));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.body().path("duplicate").asBoolean()).isFalse();
	}

	private void assertPending(Stay stay, UUID payment) {
		JsonNode current = fixtures.payment(stay.guest(), payment);
		assertThat(current.path("status").asString()).isEqualTo("pending");
		assertThat(current.path("provider_reference").isNull()).isTrue();
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");
	}

	/** A pending payment of the stay (without its job), completed by a signed event. */
	private UUID completedByEvent(Stay stay) {
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		assertThat(deliver(event("evt_" + UUID.randomUUID(), "payment.succeeded", payment, "")).status())
			.isEqualTo(200);
		return payment;
	}

	/**
	 * With Stripe selected, the sandbox endpoint is a 404 even though its secret is still set (left from a trial, say)
	 * and the event is signed with it: nothing is recorded and no payment moves.
	 */
	@Test
	void withStripeSelectedTheSandboxEndpointIsNotFoundWhateverItsSecret() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		String id = "evt_" + UUID.randomUUID();
		String body = event(id, "payment.succeeded", payment, "");
		String signature = WebhookSignature.sign(SECRET, clock.instant().getEpochSecond(), body);
		Webhooks stripeSelected = new Webhooks(payments, new PaymentSettings("stripe", SECRET),
				org.springframework.jdbc.core.simple.JdbcClient.create(jdbc),
				new PaymentProviders.StripeWebhooks(java.util.Optional.empty()), clock);

		assertThatThrownBy(() -> stripeSelected.receive("sandbox", name -> signature, body))
			.isInstanceOfSatisfying(DomainException.class,
					ex -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
		assertThat(jdbc.queryForObject("select count(*) from webhook_events where event_id = ?", Long.class, id))
			.isZero();
		assertPending(stay, payment);
	}

	static String event(String id, String type, UUID paymentId, String moreData) {
		return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"data\":{\"payment_id\":\"" + paymentId + "\""
				+ moreData + "}}";
	}

	/** Delivers {@code body} signed now with the configured secret. */
	private Api.Response deliver(String body) {
		return deliver(body, WebhookSignature.sign(SECRET, clock.instant().getEpochSecond(), body));
	}

	private Api.Response deliver(String body, String signature) {
		return send(SANDBOX, body, signature);
	}

	private Api.Response send(String path, String body, String signature) {
		Api.Call call = api.post(path, null).raw(body).header("Content-Type", "application/json");
		if (signature != null) {
			call.header("Staybook-Signature", signature);
		}
		Api.Response response = call.send();
		responses.add(response);
		return response;
	}
}
