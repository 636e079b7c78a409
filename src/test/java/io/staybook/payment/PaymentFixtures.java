package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Test data for the payment tests: every test makes its own host, listing, guest and booking over HTTP (the tests
 * share one database), and pays over HTTP. Assertions on the shape of a response live in the tests.
 */
final class PaymentFixtures {

	/** The listing the fixtures make: odd prices, so that the service fee and a half refund must round. */
	static final BigDecimal PRICE_PER_NIGHT = new BigDecimal("99.99");

	static final BigDecimal CLEANING_FEE = new BigDecimal("25.00");

	static final Duration PATIENCE = Duration.ofSeconds(20);

	private final Api api;

	private final Accounts accounts;

	private final Clock clock;

	PaymentFixtures(Api api, Accounts accounts, Clock clock) {
		this.api = api;
		this.accounts = accounts;
		this.clock = clock;
	}

	/** Posts {@code body} to the sandbox's webhook, signed now with the test configuration's secret. */
	Api.Response sandboxEvent(String body) {
		return api.post(WebhookIntegrationTests.SANDBOX, null)
			.raw(body)
			.header("Content-Type", "application/json")
			.header("Staybook-Signature",
					WebhookSignature.sign(WebhookIntegrationTests.SECRET, clock.instant().getEpochSecond(), body))
			.send();
	}

	/** A guest's unpaid booking of a host's listing. {@code booking} is the booking as created. */
	record Stay(TestUser host, TestUser guest, UUID propertyId, UUID bookingId, JsonNode booking) {

		BigDecimal total() {
			return new BigDecimal(booking.path("total_price").asString());
		}

		String currency() {
			return booking.path("currency").asString();
		}
	}

	/** A flexible listing, three nights starting 60 days from the application's today. */
	Stay stay() {
		return stay("flexible", 60, 3);
	}

	Stay stay(String policy, int checkInDaysAhead, int nights) {
		TestUser host = accounts.host();
		UUID propertyId = listing(host, policy);
		TestUser guest = accounts.guest();
		return book(host, propertyId, guest, checkInDaysAhead, nights);
	}

	UUID listing(TestUser host, String policy) {
		return listing(host, policy, Map.of());
	}

	/** A stay of three nights, 60 days ahead, at a listing in {@code currency} priced {@code perNight}. */
	Stay stay(String currency, String perNight, String cleaningFee) {
		TestUser host = accounts.host();
		UUID propertyId = listing(host, "flexible",
				Map.of("currency", currency, "price_per_night", perNight, "cleaning_fee", cleaningFee));
		return book(host, propertyId, accounts.guest(), 60, 3);
	}

	/** A listing of {@code host} with the test's defaults, {@code overrides} replacing some. */
	UUID listing(TestUser host, String policy, Map<String, Object> overrides) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", "Payment test flat " + UUID.randomUUID());
		body.put("description", "A listing made by a payment test.");
		body.put("property_type", "apartment");
		body.put("address", "1 Test Street");
		body.put("city", "Testville");
		body.put("country", "Testland");
		body.put("latitude", 52.37);
		body.put("longitude", 4.88);
		body.put("price_per_night", PRICE_PER_NIGHT.toPlainString());
		body.put("cleaning_fee", CLEANING_FEE.toPlainString());
		body.put("currency", "USD");
		body.put("max_guests", 4);
		body.put("cancellation_policy", policy);
		body.putAll(overrides);
		var response = api.post("/api/v1/properties", body).as(host).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return UUID.fromString(response.body().path("id").asString());
	}

	Stay book(TestUser host, UUID propertyId, TestUser guest, int checkInDaysAhead, int nights) {
		LocalDate checkIn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(checkInDaysAhead);
		var response = api.post("/api/v1/bookings", Map.of("property_id", propertyId.toString(), "check_in",
				checkIn.toString(), "check_out", checkIn.plusDays(nights).toString(), "guests", 2))
			.as(guest)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.body().path("status").asString()).isEqualTo("pending_payment");
		return new Stay(host, guest, propertyId, UUID.fromString(response.body().path("id").asString()),
				response.body());
	}

	static Map<String, Object> payBody(UUID bookingId, String token) {
		return Map.of("booking_id", bookingId.toString(), "payment_method", "card", "payment_token", token);
	}

	Api.Response pay(TestUser payer, UUID bookingId, String token, String idempotencyKey) {
		return api.post("/api/v1/payments", payBody(bookingId, token))
			.as(payer)
			.header("Idempotency-Key", idempotencyKey)
			.send();
	}

	/** Pays with a fresh key and expects the 201; returns the pending payment's id. */
	UUID payCreated(Stay stay, String token) {
		var response = pay(stay.guest(), stay.bookingId(), token, newKey());
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return UUID.fromString(response.body().path("id").asString());
	}

	static String newKey() {
		return "key-" + UUID.randomUUID();
	}

	JsonNode payment(TestUser viewer, UUID paymentId) {
		var response = api.get("/api/v1/payments/" + paymentId).as(viewer).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	JsonNode booking(TestUser viewer, UUID bookingId) {
		var response = api.get("/api/v1/bookings/" + bookingId).as(viewer).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	/** Waits (in a context that runs jobs) until the payment has the status, and returns it. */
	JsonNode awaitPayment(TestUser viewer, UUID paymentId, String status) {
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(50))
			.untilAsserted(() -> assertThat(payment(viewer, paymentId).path("status").asString()).isEqualTo(status));
		return payment(viewer, paymentId);
	}

	/** Pays with tok_visa and waits for the charge job to complete the payment; returns the payment. */
	JsonNode paid(Stay stay) {
		UUID id = payCreated(stay, "tok_visa");
		return awaitPayment(stay.guest(), id, "completed");
	}

	Api.Response cancel(TestUser by, UUID bookingId) {
		return api.post("/api/v1/bookings/" + bookingId + "/cancel", Map.of("reason", "payment test")).as(by).send();
	}

	/**
	 * A {@code pending} payment written straight into the table, as {@code POST /payments} writes it but without
	 * scheduling its charge job. For tests in the context that runs no jobs: a charge job scheduled there would be run
	 * by the jobs context (its scheduler polls the same database) whenever that context is alive in the test JVM.
	 */
	static UUID insertPendingPayment(JdbcTemplate jdbc, Stay stay, Clock clock) {
		return insertPayment(jdbc, stay, "pending", null, clock);
	}

	static UUID insertPayment(JdbcTemplate jdbc, Stay stay, String status, String reference, Clock clock) {
		return insertPayment(jdbc, stay, status, reference, "sandbox", clock);
	}

	/** As {@link #insertPayment(JdbcTemplate, Stay, String, String, Clock)}, made with {@code provider}. */
	static UUID insertPayment(JdbcTemplate jdbc, Stay stay, String status, String reference, String provider,
			Clock clock) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.update("""
				insert into payments (id, booking_id, payer_id, host_id, amount, currency, payment_method, payment_token,
				                      status, failure_reason, provider, provider_reference, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, 'card', ?, ?, ?, ?, ?, ?, ?)""", id, stay.bookingId(),
				stay.guest().id(), stay.host().id(), stay.total(), stay.currency(),
				status.equals("pending") ? "tok_visa" : null, status, status.equals("failed") ? "card_declined" : null,
				provider, reference, now, now);
		return id;
	}

	static int paymentRows(JdbcTemplate jdbc, UUID bookingId) {
		return jdbc.queryForObject("select count(*) from payments where booking_id = ?", Integer.class, bookingId);
	}

	/**
	 * A {@code pending} refund of the payment written straight into the table, keyed {@code refund-<id>} as the
	 * service keys it, without its job (see {@link #insertPendingPayment}).
	 */
	static UUID insertPendingRefund(JdbcTemplate jdbc, UUID paymentId, BigDecimal amount, String reason) {
		UUID id = UUID.randomUUID();
		jdbc.update("""
				insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
				                     idempotency_key, created_at, updated_at)
				select ?, id, booking_id, ?, currency, ?, 'pending', provider, ?, updated_at, updated_at
				from payments where id = ?""", id, amount, reason, "refund-" + id, paymentId);
		return id;
	}

	/** The payment's refund rows, oldest first. */
	static List<UUID> refunds(JdbcTemplate jdbc, UUID paymentId) {
		return jdbc.queryForList("select id from refunds where payment_id = ? order by id", UUID.class, paymentId);
	}

	/** Refund jobs in the queue for the payment's refunds (each keyed by its refund's id). */
	static int refundJobs(JdbcTemplate jdbc, UUID paymentId) {
		return jdbc.queryForObject("""
				select count(*) from scheduled_tasks
				where task_name = ? and task_instance in (select id::text from refunds where payment_id = ?)""",
				Integer.class, PaymentJobs.REFUND, paymentId);
	}

	/** A provider's success event for the payment, with a fresh event id, as the service receives it verified. */
	static ProviderEvent succeeded(UUID payment) {
		return new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEvent.Type.SUCCEEDED, payment,
				"ch_late_" + payment, null, null);
	}

	static int scheduled(JdbcTemplate jdbc, String taskName, UUID instance) {
		return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?",
				Integer.class, taskName, instance.toString());
	}
}
