package io.staybook.payment;

import static io.staybook.payment.PaymentFixtures.newKey;
import static io.staybook.payment.PaymentFixtures.payBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import io.staybook.test.TestSmtp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code POST /payments} and its charge job, and reading payments, over HTTP with the jobs running. */
@JobsTest
class PaymentIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	SandboxPaymentProvider sandbox;

	PaymentFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aGuestPaysTheBookingsTotalAndTheChargeJobCompletesThePaymentAndConfirmsTheBooking() {
		Stay stay = fixtures.stay();
		int chargesBefore = sandbox.chargesMade();

		var created = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.contentType()).startsWith("application/json");
		JsonNode pending = created.body();
		UUID paymentId = UUID.fromString(pending.path("id").asString());
		assertThat(created.header("Location")).isEqualTo("/api/v1/payments/" + paymentId);
		assertThat(pending.path("booking_id").asString()).isEqualTo(stay.bookingId().toString());
		assertThat(pending.path("status").asString()).isEqualTo("pending");
		assertThat(pending.path("amount").asString()).isEqualTo(stay.booking().path("total_price").asString());
		assertThat(new BigDecimal(pending.path("amount").asString())).isEqualByComparingTo(expectedTotal(3));
		assertThat(pending.path("currency").asString()).isEqualTo("USD");
		assertThat(pending.path("payment_method").asString()).isEqualTo("card");
		assertThat(pending.path("provider").asString()).isEqualTo("sandbox");
		assertThat(pending.path("refunded_amount").asString()).isEqualTo("0.00");
		assertThat(pending.path("failure_reason").isNull()).isTrue();
		assertThat(pending.path("provider_reference").isNull()).isTrue();
		assertThat(pending.has("payment_token")).as("the token is never shown").isFalse();
		assertThat(pending.path("created_at").asString()).endsWith("Z");

		JsonNode completed = fixtures.awaitPayment(stay.guest(), paymentId, "completed");
		assertThat(completed.path("provider_reference").asString()).isNotBlank();
		assertThat(completed.path("amount").asString()).isEqualTo(pending.path("amount").asString());
		assertThat(completed.path("failure_reason").isNull()).isTrue();
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore + 1);

		await().atMost(PaymentFixtures.PATIENCE).untilAsserted(() -> {
			assertThat(subjects(stay.guest().email())).anyMatch(s -> s.startsWith("Confirmed: "));
			assertThat(subjects(stay.host().email())).anyMatch(s -> s.startsWith("Booking confirmed for "));
		});
	}

	@Test
	void theAmountIsNeverTheClients() {
		Stay stay = fixtures.stay();
		Map<String, Object> body = new HashMap<>(payBody(stay.bookingId(), "tok_visa"));
		body.put("amount", "0.01");

		var response = api.post("/api/v1/payments", body).as(stay.guest()).header("Idempotency-Key", newKey()).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.fieldErrors()).containsExactly("amount");
		assertThat(payments(stay.guest(), "?booking_id=" + stay.bookingId())).isEmpty();
	}

	@Test
	void aDeclinedCardFailsThePaymentAndLeavesTheBookingPayableWithANewKey() {
		Stay stay = fixtures.stay();
		int chargesBefore = sandbox.chargesMade();

		UUID declined = fixtures.payCreated(stay, "tok_chargeDeclined");

		JsonNode failed = fixtures.awaitPayment(stay.guest(), declined, "failed");
		assertThat(failed.path("failure_reason").asString()).isEqualTo("card_declined");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");
		assertThat(sandbox.chargesMade()).as("a declined card moves no money").isEqualTo(chargesBefore);

		UUID retry = fixtures.payCreated(stay, "tok_visa");

		assertThat(retry).isNotEqualTo(declined);
		fixtures.awaitPayment(stay.guest(), retry, "completed");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
		assertThat(fixtures.payment(stay.guest(), declined).path("status").asString()).isEqualTo("failed");
		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore + 1);
	}

	@Test
	void anUnknownTokenFailsWithInvalidToken() {
		Stay stay = fixtures.stay();

		UUID id = fixtures.payCreated(stay, "tok_made_up");

		assertThat(fixtures.awaitPayment(stay.guest(), id, "failed").path("failure_reason").asString())
			.isEqualTo("invalid_token");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");
	}

	@Test
	void theIdempotencyKeyIsRequired() {
		Stay stay = fixtures.stay();

		var missing = api.post("/api/v1/payments", payBody(stay.bookingId(), "tok_visa")).as(stay.guest()).send();
		var blank = api.post("/api/v1/payments", payBody(stay.bookingId(), "tok_visa"))
			.as(stay.guest())
			.header("Idempotency-Key", " ")
			.send();
		var tooLong = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", "k".repeat(256));

		assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.body().path("code").asString()).isEqualTo("idempotency_key_required");
		// a key sent but blank or too long is an invalid key, as on every other operation, not a missing one
		for (var response : List.of(blank, tooLong)) {
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.body().path("code").asString()).isEqualTo("invalid_idempotency_key");
		}
		assertThat(payments(stay.guest(), "?booking_id=" + stay.bookingId())).isEmpty();
	}

	@Test
	void anInvalidBodyIsA400() {
		Stay stay = fixtures.stay();

		var noToken = api.post("/api/v1/payments", Map.of("booking_id", stay.bookingId().toString(), "payment_method",
				"card"))
			.as(stay.guest())
			.header("Idempotency-Key", newKey())
			.send();
		var badMethod = api.post("/api/v1/payments", Map.of("booking_id", stay.bookingId().toString(),
				"payment_method", "cash", "payment_token", "tok_visa"))
			.as(stay.guest())
			.header("Idempotency-Key", newKey())
			.send();
		var malformed = api.post("/api/v1/payments", null)
			.raw("{\"booking_id\": ")
			.header("Content-Type", "application/json")
			.as(stay.guest())
			.header("Idempotency-Key", newKey())
			.send();

		assertThat(noToken.status()).as(noToken.toString()).isEqualTo(400);
		assertThat(noToken.fieldErrors()).containsExactly("payment_token");
		assertThat(badMethod.status()).as(badMethod.toString()).isEqualTo(400);
		assertThat(badMethod.fieldErrors()).containsExactly("payment_method");
		assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
		assertThat(payments(stay.guest(), "?booking_id=" + stay.bookingId())).isEmpty();
	}

	@Test
	void aBodyThatIsNotJsonIsA415() {
		Stay stay = fixtures.stay();

		var response = api.post("/api/v1/payments", null)
			.raw("booking_id=" + stay.bookingId() + "&payment_method=card&payment_token=tok_visa")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.as(stay.guest())
			.header("Idempotency-Key", newKey())
			.send();

		assertThat(response.status()).as(response.toString()).isEqualTo(415);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(payments(stay.guest(), "?booking_id=" + stay.bookingId())).isEmpty();
	}

	@Test
	void aTrailingSlashIsAccepted() {
		Stay stay = fixtures.stay();

		var created = api.post("/api/v1/payments/", payBody(stay.bookingId(), "tok_visa"))
			.as(stay.guest())
			.header("Idempotency-Key", newKey())
			.send();

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		UUID id = UUID.fromString(created.body().path("id").asString());
		fixtures.awaitPayment(stay.guest(), id, "completed");
		assertThat(api.get("/api/v1/payments/" + id + "/").as(stay.guest()).send().status()).isEqualTo(200);
		var list = api.get("/api/v1/payments/?booking_id=" + stay.bookingId()).as(stay.guest()).send();
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(ids(list.body().path("results"))).containsExactly(id);
	}

	@Test
	void onlyTheBookingsGuestMayPay() {
		Stay stay = fixtures.stay();
		var stranger = accounts.guest();
		var admin = accounts.admin();

		var byHost = fixtures.pay(stay.host(), stay.bookingId(), "tok_visa", newKey());
		var byAdmin = fixtures.pay(admin, stay.bookingId(), "tok_visa", newKey());
		var byStranger = fixtures.pay(stranger, stay.bookingId(), "tok_visa", newKey());
		var unknownBooking = fixtures.pay(stay.guest(), UUID.randomUUID(), "tok_visa", newKey());
		var anonymous = api.post("/api/v1/payments", payBody(stay.bookingId(), "tok_visa"))
			.header("Idempotency-Key", newKey())
			.send();

		assertThat(byHost.status()).as(byHost.toString()).isEqualTo(403);
		assertThat(byHost.body().path("code").asString()).isEqualTo("guest_only");
		assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(403);
		assertThat(byStranger.status()).as("another guest's booking does not exist for a stranger")
			.isEqualTo(404);
		assertThat(unknownBooking.status()).as(unknownBooking.toString()).isEqualTo(404);
		assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
		for (var response : List.of(byHost, byAdmin, byStranger, unknownBooking)) {
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		assertThat(payments(stay.host(), "?as=host&booking_id=" + stay.bookingId())).isEmpty();
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");
	}

	@Test
	void aConfirmedBookingCannotBePaidAgain() {
		Stay stay = fixtures.stay();
		fixtures.paid(stay);
		int chargesBefore = sandbox.chargesMade();

		var again = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());

		assertThat(again.status()).as(again.toString()).isEqualTo(409);
		assertThat(again.body().path("code").asString()).isEqualTo("booking_not_payable");
		assertThat(payments(stay.guest(), "?booking_id=" + stay.bookingId())).hasSize(1);
		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore);
	}

	@Test
	void twentySimultaneousPaymentsWithDifferentKeysMakeOnePaymentAndOneCharge() throws Exception {
		Stay stay = fixtures.stay();
		int chargesBefore = sandbox.chargesMade();
		ExecutorService pool = Executors.newFixedThreadPool(20);
		List<Api.Response> responses = new ArrayList<>();
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Api.Response>> futures = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				futures.add(pool.submit(() -> {
					go.await();
					return fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());
				}));
			}
			go.countDown();
			for (Future<Api.Response> future : futures) {
				responses.add(future.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(responses).as("no server error").allMatch(r -> r.status() < 500, "status < 500");
		List<Api.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
		assertThat(created).as("exactly one payment is taken").hasSize(1);
		assertThat(responses).filteredOn(r -> r.status() != 201)
			.allMatch(r -> r.status() == 409 && List.of("payment_in_progress", "booking_not_payable", "already_paid")
				.contains(r.body().path("code").asString()), "409 payment_in_progress, booking_not_payable or already_paid");
		UUID id = UUID.fromString(created.getFirst().body().path("id").asString());
		fixtures.awaitPayment(stay.guest(), id, "completed");
		assertThat(payments(stay.guest(), "?booking_id=" + stay.bookingId())).hasSize(1);
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore + 1));
	}

	@Test
	void anExpiredHoldCannotBePaid() {
		Stay stay = fixtures.stay();

		clock.advance(Duration.ofMinutes(16));
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
				.isEqualTo("expired"));
		var response = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());

		assertThat(response.status()).as(response.toString()).isEqualTo(409);
		assertThat(response.body().path("code").asString()).isEqualTo("booking_not_payable");
		assertThat(payments(stay.guest(), "?booking_id=" + stay.bookingId())).isEmpty();
	}

	@Test
	void aCancelledBookingCannotBePaid() {
		Stay stay = fixtures.stay();
		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

		var response = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());

		assertThat(response.status()).as(response.toString()).isEqualTo(409);
		assertThat(response.body().path("code").asString()).isEqualTo("booking_not_payable");
		assertThat(payments(stay.guest(), "?booking_id=" + stay.bookingId())).isEmpty();
	}

	@Test
	void theGuestTheHostAndAdminsSeeAPaymentAndNobodyElse() {
		Stay stay = fixtures.stay();
		UUID id = UUID.fromString(fixtures.paid(stay).path("id").asString());
		var admin = accounts.admin();
		var stranger = accounts.guest();
		var otherHost = accounts.host();

		for (var viewer : List.of(stay.guest(), stay.host(), admin)) {
			var response = api.get("/api/v1/payments/" + id).as(viewer).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.body().path("id").asString()).isEqualTo(id.toString());
			assertThat(response.body().path("status").asString()).isEqualTo("completed");
			assertThat(response.body().has("payment_token")).isFalse();
		}
		for (var viewer : List.of(stranger, otherHost)) {
			var response = api.get("/api/v1/payments/" + id).as(viewer).send();
			assertThat(response.status()).as(response.toString()).isEqualTo(404);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		assertThat(api.get("/api/v1/payments/" + id).send().status()).isEqualTo(401);
		assertThat(api.get("/api/v1/payments/" + UUID.randomUUID()).as(admin).send().status()).isEqualTo(404);
		assertThat(api.get("/api/v1/payments/not-a-uuid").as(stay.guest()).send().status()).isEqualTo(400);
	}

	@Test
	void listsShowOwnPaymentsOrWithAsHostThoseOfOwnListingsNewestFirstAndPaged() {
		Stay stay = fixtures.stay();
		UUID failed = fixtures.payCreated(stay, "tok_chargeDeclined");
		fixtures.awaitPayment(stay.guest(), failed, "failed");
		UUID completed = UUID.fromString(fixtures.paid(stay).path("id").asString());
		Stay otherStayOfTheHost = fixtures.book(stay.host(), stay.propertyId(), accounts.guest(), 90, 2);
		UUID othersPayment = UUID.fromString(fixtures.paid(otherStayOfTheHost).path("id").asString());
		var stranger = accounts.guest();

		assertThat(ids(payments(stay.guest(), ""))).containsExactly(completed, failed);
		assertThat(ids(payments(stay.guest(), "?as=guest"))).containsExactly(completed, failed);
		assertThat(ids(payments(stay.host(), "?as=host"))).containsExactly(othersPayment, completed, failed);
		assertThat(ids(payments(stay.host(), ""))).as("as guest, the host paid nothing").isEmpty();
		assertThat(ids(payments(stay.host(), "?as=host&booking_id=" + stay.bookingId())))
			.containsExactly(completed, failed);
		assertThat(ids(payments(stay.guest(), "?booking_id=" + stay.bookingId()))).containsExactly(completed, failed);
		assertThat(ids(payments(stay.guest(), "?booking_id=" + otherStayOfTheHost.bookingId()))).isEmpty();
		assertThat(payments(stranger, "")).isEmpty();
		assertThat(payments(stranger, "?as=host")).isEmpty();
		assertThat(payments(stranger, "?booking_id=" + stay.bookingId())).isEmpty();

		var first = api.get("/api/v1/payments?as=host&limit=2").as(stay.host()).send();
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(ids(first.body().path("results"))).containsExactly(othersPayment, completed);
		String cursor = first.body().path("next_cursor").asString();
		assertThat(cursor).isNotBlank();
		var second = api.get("/api/v1/payments?as=host&limit=2&cursor=" + cursor).as(stay.host()).send();
		assertThat(second.status()).as(second.toString()).isEqualTo(200);
		assertThat(ids(second.body().path("results"))).containsExactly(failed);
		assertThat(second.body().path("next_cursor").isNull()).isTrue();
	}

	@Test
	void badListParametersAreA400() {
		var guest = accounts.guest();

		for (String query : List.of("?as=bogus", "?as=all", "?booking_id=not-a-uuid", "?cursor=garbage",
				"?limit=abc")) {
			var response = api.get("/api/v1/payments" + query).as(guest).send();
			assertThat(response.status()).as(query + " → " + response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		assertThat(api.get("/api/v1/payments").send().status()).isEqualTo(401);
	}

	private List<JsonNode> payments(Accounts.TestUser viewer, String query) {
		var response = api.get("/api/v1/payments" + query).as(viewer).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<JsonNode> results = new ArrayList<>();
		response.body().path("results").forEach(results::add);
		return results;
	}

	private static List<UUID> ids(Iterable<JsonNode> payments) {
		List<UUID> ids = new ArrayList<>();
		payments.forEach(p -> ids.add(UUID.fromString(p.path("id").asString())));
		return ids;
	}

	/** The contract's formula for the fixture listing: nights × price + cleaning + 10 % of the nights, half-up. */
	static BigDecimal expectedTotal(int nights) {
		BigDecimal subtotal = PaymentFixtures.PRICE_PER_NIGHT.multiply(BigDecimal.valueOf(nights));
		BigDecimal serviceFee = subtotal.multiply(new BigDecimal("0.10"))
			.setScale(2, java.math.RoundingMode.HALF_UP);
		return subtotal.add(PaymentFixtures.CLEANING_FEE).add(serviceFee);
	}

	static List<String> subjects(String address) {
		return Arrays.stream(TestSmtp.mailsTo(address)).map(PaymentIntegrationTests::subject).toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
