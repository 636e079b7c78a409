package io.staybook.payment;

import static io.staybook.payment.PaymentFixtures.newKey;
import static io.staybook.payment.PaymentFixtures.paymentRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.shared.jobs.BatchedPurge;
import io.staybook.shared.jobs.Purge;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code Idempotency-Key} of {@code POST /payments}: replay, reuse with another body, scope per user, 24 hours of
 * memory and the purge, and one charge under 20 simultaneous repeats. In the jobs context, so that the charge job
 * really runs and the sandbox's charge count shows what a replay did (nothing).
 */
@JobsTest
class IdempotencyIntegrationTests {

	static final int THREADS = 20;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	SandboxPaymentProvider sandbox;

	@Autowired
	BatchedPurge purge;

	@Autowired
	List<Purge> purges;

	@Autowired
	JdbcTemplate jdbc;

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
	void theSameKeyAndBodyReplaysTheFirstResponseAndChargesNothingMore() {
		Stay stay = fixtures.stay();
		String key = newKey();
		int chargesBefore = sandbox.chargesMade();

		var first = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", key);
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		UUID paymentId = UUID.fromString(first.body().path("id").asString());
		var repeatWhilePending = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", key);
		fixtures.awaitPayment(stay.guest(), paymentId, "completed");
		var repeatAfterCompletion = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", key);

		assertThat(first.header("Idempotency-Replayed")).isNull();
		for (var repeat : List.of(repeatWhilePending, repeatAfterCompletion)) {
			assertThat(repeat.status()).as(repeat.toString()).isEqualTo(201);
			assertThat(repeat.text()).as("the first response, byte for byte").isEqualTo(first.text());
			assertThat(repeat.contentType()).startsWith("application/json");
			assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
			assertThat(repeat.header("Idempotency-Replayed")).isEqualTo("true");
		}
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore + 1));
	}

	@Test
	void theSameKeyWithAnotherBodyIsA400() {
		Stay stay = fixtures.stay();
		Stay otherStay = fixtures.book(stay.host(), stay.propertyId(), stay.guest(), 90, 2);
		String key = newKey();
		var first = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", key);
		assertThat(first.status()).as(first.toString()).isEqualTo(201);

		var otherToken = fixtures.pay(stay.guest(), stay.bookingId(), "tok_chargeDeclined", key);
		var otherBooking = fixtures.pay(stay.guest(), otherStay.bookingId(), "tok_visa", key);
		var otherMethod = api.post("/api/v1/payments", java.util.Map.of("booking_id", stay.bookingId().toString(),
				"payment_method", "paypal", "payment_token", "tok_visa"))
			.as(stay.guest())
			.header("Idempotency-Key", key)
			.send();

		for (var reuse : List.of(otherToken, otherBooking, otherMethod)) {
			assertThat(reuse.status()).as(reuse.toString()).isEqualTo(400);
			assertThat(reuse.contentType()).startsWith("application/problem+json");
			assertThat(reuse.body().path("code").asString()).isEqualTo("idempotency_key_reused");
		}
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
		assertThat(paymentRows(jdbc, otherStay.bookingId())).isZero();
		fixtures.awaitPayment(stay.guest(), UUID.fromString(first.body().path("id").asString()), "completed");
	}

	@Test
	void keysAreScopedToTheUser() {
		Stay mine = fixtures.stay();
		Stay theirs = fixtures.stay();
		String key = newKey();

		var myPayment = fixtures.pay(mine.guest(), mine.bookingId(), "tok_visa", key);
		var theirPayment = fixtures.pay(theirs.guest(), theirs.bookingId(), "tok_visa", key);
		var theirReplay = fixtures.pay(theirs.guest(), theirs.bookingId(), "tok_visa", key);

		assertThat(myPayment.status()).as(myPayment.toString()).isEqualTo(201);
		assertThat(theirPayment.status()).as("the same key of another user is another key: " + theirPayment)
			.isEqualTo(201);
		assertThat(theirPayment.body().path("id").asString()).isNotEqualTo(myPayment.body().path("id").asString());
		assertThat(theirPayment.body().path("booking_id").asString()).isEqualTo(theirs.bookingId().toString());
		assertThat(theirReplay.text()).isEqualTo(theirPayment.text());
		assertThat(paymentRows(jdbc, mine.bookingId())).isEqualTo(1);
		assertThat(paymentRows(jdbc, theirs.bookingId())).isEqualTo(1);
		fixtures.awaitPayment(mine.guest(), UUID.fromString(myPayment.body().path("id").asString()), "completed");
		fixtures.awaitPayment(theirs.guest(), UUID.fromString(theirPayment.body().path("id").asString()),
				"completed");
	}

	@Test
	void aKeyOlderThan24HoursIsForgottenAndItsRequestProcessedAsNew() {
		Stay stay = fixtures.stay();
		String key = newKey();
		var first = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", key);
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		fixtures.awaitPayment(stay.guest(), UUID.fromString(first.body().path("id").asString()), "completed");
		int chargesBefore = sandbox.chargesMade();

		clock.advance(Duration.ofHours(25));
		var sameRequestADayLater = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", key);

		assertThat(sameRequestADayLater.status()).as("processed again, and the booking is paid: " + sameRequestADayLater)
			.isEqualTo(409);
		assertThat(sameRequestADayLater.body().path("code").asString()).isEqualTo("booking_not_payable");
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore);
	}

	@Test
	void aKeyOlderThan24HoursMayCarryAnotherRequest() {
		Stay stay = fixtures.stay();
		String key = newKey();
		var first = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", key);
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		fixtures.awaitPayment(stay.guest(), UUID.fromString(first.body().path("id").asString()), "completed");

		clock.advance(Duration.ofHours(25));
		Stay fresh = fixtures.book(stay.host(), stay.propertyId(), stay.guest(), 120, 2);
		var other = fixtures.pay(stay.guest(), fresh.bookingId(), "tok_visa", key);

		assertThat(other.status()).as("not idempotency_key_reused: the old request is forgotten: " + other)
			.isEqualTo(201);
		assertThat(other.body().path("booking_id").asString()).isEqualTo(fresh.bookingId().toString());
		fixtures.awaitPayment(stay.guest(), UUID.fromString(other.body().path("id").asString()), "completed");
	}

	@Test
	void thePurgeDeletesKeysOlderThan24Hours() {
		Stay old = fixtures.stay();
		String oldKey = newKey();
		paidWith(old, oldKey);

		clock.advance(Duration.ofHours(25));
		Stay young = fixtures.stay();
		String youngKey = newKey();
		paidWith(young, youngKey);
		purge.purgeAll(purges);

		assertThat(keyExists(old.guest(), oldKey)).isFalse();
		assertThat(keyExists(young.guest(), youngKey)).isTrue();
	}

	@Test
	void theRecurringJobPurgesOldKeys() {
		Stay stay = fixtures.stay();
		String key = newKey();
		paidWith(stay, key);
		assertThat(keyExists(stay.guest(), key)).isTrue();

		// past 24 hours, and past the next run of the hourly job, wherever earlier tests left it
		Instant due = jdbc.queryForObject(
				"select execution_time from scheduled_tasks where task_name = 'purge-expired-records'",
				Timestamp.class)
			.toInstant();
		Duration untilDue = Duration.between(clock.instant(), due).plusMinutes(1);
		clock.advance(untilDue.compareTo(Duration.ofHours(25)) > 0 ? untilDue : Duration.ofHours(25));

		await().atMost(PaymentFixtures.PATIENCE).until(() -> !keyExists(stay.guest(), key));
	}

	@Test
	void twentySimultaneousRequestsWithOneKeyMakeOnePaymentAndOneCharge() throws Exception {
		Stay stay = fixtures.stay();
		String key = newKey();
		int chargesBefore = sandbox.chargesMade();

		List<Api.Response> responses = simultaneously(stay.guest(), stay.bookingId(), key);

		List<Api.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
		assertThat(responses).as("no server error").allMatch(r -> r.status() < 500, "status < 500");
		assertThat(created).as("the first request succeeds").isNotEmpty();
		assertThat(created).as("every 201 is the first response replayed")
			.allMatch(r -> r.text().equals(created.getFirst().text()), "same body");
		assertThat(responses).as("anything else is a 409 while the first request runs")
			.allMatch(r -> r.status() == 201
					|| (r.status() == 409 && r.body().path("code").asString().equals("request_in_progress")),
					"201 or 409 request_in_progress");
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
		UUID paymentId = UUID.fromString(created.getFirst().body().path("id").asString());
		fixtures.awaitPayment(stay.guest(), paymentId, "completed");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore + 1));
	}

	@Test
	void twentySimultaneousRequestsWithOneKeyForABookingThatCannotBePaidAreAll409s() throws Exception {
		Stay stay = fixtures.stay();
		fixtures.paid(stay);
		String key = newKey();
		int chargesBefore = sandbox.chargesMade();

		List<Api.Response> responses = simultaneously(stay.guest(), stay.bookingId(), key);

		assertThat(responses).as("no server error").allMatch(r -> r.status() < 500, "status < 500");
		assertThat(responses).allMatch(r -> r.status() == 409, "409");
		assertThat(responses)
			.allMatch(r -> List.of("booking_not_payable", "request_in_progress")
				.contains(r.body().path("code").asString()), "booking_not_payable or request_in_progress");
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore);
	}

	private List<Api.Response> simultaneously(TestUser payer, UUID bookingId, String key) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch ready = new CountDownLatch(THREADS);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Api.Response>> futures = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				futures.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return fixtures.pay(payer, bookingId, "tok_visa", key);
				}));
			}
			assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			List<Api.Response> responses = new ArrayList<>();
			for (Future<Api.Response> future : futures) {
				responses.add(future.get(60, TimeUnit.SECONDS));
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Pays with {@code key} and waits for the charge: a charge job left behind, due at a moved clock, would run (and
	 * count a charge) in whichever later test moves the clock that far again.
	 */
	private void paidWith(Stay stay, String key) {
		var response = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", key);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		fixtures.awaitPayment(stay.guest(), UUID.fromString(response.body().path("id").asString()), "completed");
	}

	private boolean keyExists(TestUser user, String key) {
		return jdbc.queryForObject(
				"select count(*) from idempotency_keys where user_id = ? and idempotency_key = ?", Integer.class,
				user.id(), key) == 1;
	}
}
