package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The charge and refund jobs against an unreliable provider: a lost answer is retried with the same provider key and
 * moves the money once; a charge that succeeds for a booking that can no longer be paid is given back.
 */
@JobsTest
class ChargeRetryIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	SandboxPaymentProvider sandbox;

	@Autowired
	PaymentService payments;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	PaymentFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void reset() {
		sandbox.loseNextResponses(0);
		sandbox.beUnreachableFor(0);
		clock.reset();
	}

	@Test
	void aChargeWhoseAnswersAreLostIsRetriedAndChargedOnce() {
		Stay stay = fixtures.stay();
		int chargesBefore = sandbox.chargesMade();
		sandbox.loseNextResponses(2);

		UUID payment = fixtures.payCreated(stay, "tok_visa");

		JsonNode completed = fixtures.awaitPayment(stay.guest(), payment, "completed");
		assertThat(completed.path("provider_reference").asString()).isNotBlank();
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.chargesMade()).as("charged once, however often asked")
				.isEqualTo(chargesBefore + 1));
		assertThat(deadJobs(payment)).isZero();
		assertThat(PaymentFixtures.scheduled(jdbc, PaymentJobs.CHARGE, payment)).isZero();
	}

	@Test
	void aRefundWhoseAnswerIsLostIsRetriedAndRefundedOnce() {
		Stay stay = fixtures.stay();
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		int refundsBefore = sandbox.refundsMade();
		sandbox.loseNextResponses(1);

		assertThat(fixtures.cancel(stay.host(), stay.bookingId()).status()).isEqualTo(200);

		JsonNode refunded = fixtures.awaitPayment(stay.guest(), payment, "refunded");
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo(refunded.path("amount").asString());
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore + 1));
		assertThat(deadJobs(payment)).isZero();
	}

	/**
	 * Issue 10, item 5: a charge the provider never answers is given up after its retries (dead-lettered), and its
	 * records end in a terminal, consistent state: the payment failed, the guest told, the hold free to be paid again
	 * while its time lasts. Before, the payment stayed {@code pending} for ever and the hold lingered.
	 */
	@Test
	void aChargeGivenUpAfterItsRetriesFailsThePaymentAndTellsTheGuest() {
		Stay stay = fixtures.stay();
		int chargesBefore = sandbox.chargesMade();
		double deadBefore = count("staybook.jobs.dead_letters", "task", "charge-payment");
		double failuresBefore = count("staybook.jobs.failures", "task", "charge-payment");
		double failedBefore = count("staybook.payments.transitions", "to", "failed");
		sandbox.beUnreachableFor(1_000);

		UUID payment = fixtures.payCreated(stay, "tok_visa");

		// 4 retries after 200 ms, doubling: about 3 s
		JsonNode failed = fixtures.awaitPayment(stay.guest(), payment, "failed");
		sandbox.beUnreachableFor(0);
		assertThat(failed.path("failure_reason").asString()).isEqualTo("provider_unavailable");
		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore);
		assertThat(jdbc.queryForObject("select count(*) from dead_jobs where task_instance = ?", Integer.class,
				payment.toString())).isEqualTo(1);
		assertThat(count("staybook.jobs.dead_letters", "task", "charge-payment")).isEqualTo(deadBefore + 1);
		assertThat(count("staybook.jobs.failures", "task", "charge-payment")).isGreaterThan(failuresBefore + 1);
		assertThat(count("staybook.payments.transitions", "to", "failed")).isEqualTo(failedBefore + 1);
		assertThat(meters.get("staybook.payments.transitions").tags("to", "failed", "provider", "sandbox").counters())
			.isNotEmpty();
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(PaymentIntegrationTests.subjects(stay.guest().email()))
				.anyMatch(s -> s.startsWith("Your payment of " + stay.total().toPlainString())));
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.as("the hold's time is not up: the guest may pay again").isEqualTo("pending_payment");

		UUID again = fixtures.payCreated(stay, "tok_visa");

		fixtures.awaitPayment(stay.guest(), again, "completed");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
	}

	/**
	 * The booking is cancelled before its charge job comes round: the job reads the booking under its lock, finds it
	 * owes nothing, and fails the payment without calling the provider. The pending payment is written without its job
	 * and charged here, as its job would, so that the cancel surely comes first.
	 */
	@Test
	void aBookingCancelledBeforeItsChargeIsNeverCharged() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		int chargesBefore = sandbox.chargesMade();
		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

		payments.charge(payment);

		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore);
		JsonNode failed = fixtures.payment(stay.guest(), payment);
		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.path("failure_reason").asString()).isEqualTo("booking_not_payable");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("refund_amount").isNull()).isTrue();
	}

	/**
	 * The booking is cancelled while its charge is under way at the provider, whose success then arrives (here as its
	 * webhook event, which may come before the job's own answer): the money is given back in full.
	 */
	@Test
	void aChargeThatSucceedsAfterTheBookingWasCancelledIsRefunded() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		int refundsBefore = sandbox.refundsMade();
		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.body().path("refund_amount").isNull()).as("nothing was paid when it was cancelled").isTrue();

		payments.apply("sandbox", PaymentFixtures.succeeded(payment));

		assertGivenBack(stay, payment, refundsBefore);
		JsonNode booking = fixtures.booking(stay.guest(), stay.bookingId());
		assertThat(booking.path("status").asString()).isEqualTo("cancelled");
		assertThat(booking.path("refund_amount").isNull()).isTrue();
	}

	/**
	 * The guest paid in time, and the charge is still under way when the hold's time is up: the hold waits for it
	 * (issue 10: a guest who paid in time always gets the stay), and the charge confirms the booking.
	 */
	@Test
	void aHoldWhosePaymentIsInFlightDoesNotExpireAndTheGuestGetsTheStay() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		int refundsBefore = sandbox.refundsMade();
		clock.advance(Duration.ofMinutes(16));
		java.time.Instant advanced = clock.instant();
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(jdbc.queryForObject(
					"select last_success from scheduled_tasks where task_name = 'expire-holds'", java.sql.Timestamp.class))
				.as("the sweep has run since the hold's time was up").isAfter(java.sql.Timestamp.from(advanced)));
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");

		payments.charge(payment);

		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("completed");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore));
	}

	/**
	 * The charge is still under way when even the payment grace past the hold is over: the hold expires, the guest is
	 * told, and the charge job, coming round at last, charges nothing.
	 */
	@Test
	void aHoldPastItsPaymentGraceExpiresAndItsChargeIsNeverMade() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		int chargesBefore = sandbox.chargesMade();
		int refundsBefore = sandbox.refundsMade();
		clock.advance(Duration.ofMinutes(15 + 30).plusSeconds(1));
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
				.isEqualTo("expired"));

		payments.charge(payment);

		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore);
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("failed");
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(PaymentIntegrationTests.subjects(stay.guest().email()))
				.anyMatch(s -> s.toLowerCase(java.util.Locale.ROOT).contains("expired")));

		assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore);
	}

	private void assertGivenBack(Stay stay, UUID payment, int refundsBefore) {
		JsonNode refunded = fixtures.awaitPayment(stay.guest(), payment, "refunded");
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo(stay.booking().path("total_price").asString());
		assertThat(refunded.path("provider_reference").asString()).isNotBlank();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore + 1));
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(PaymentIntegrationTests.subjects(stay.guest().email()))
				.anyMatch(s -> s.startsWith("Your refund of " + stay.booking().path("total_price").asString())));
		assertThat(PaymentIntegrationTests.subjects(stay.guest().email())).noneMatch(s -> s.startsWith("Confirmed: "));
	}

	private int deadJobs(UUID payment) {
		// the charge job is keyed by the payment, its refund jobs by their refunds
		return jdbc.queryForObject("""
				select count(*) from dead_jobs
				where task_instance = ? or task_instance in (select id::text from refunds where payment_id = ?)""",
				Integer.class, payment.toString(), payment);
	}

	/** The sum of the counters of this name with this tag (0 if none yet). */
	private double count(String name, String tag, String value) {
		return meters.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
	}
}
