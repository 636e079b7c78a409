package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

	PaymentFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void reset() {
		sandbox.loseNextResponses(0);
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
	 * The booking is cancelled while its charge is under way; the charge then succeeds. The pending payment is written
	 * without its job and charged here, as its job would, so that the cancel surely comes first.
	 */
	@Test
	void aChargeThatSucceedsAfterTheBookingWasCancelledIsRefunded() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		int chargesBefore = sandbox.chargesMade();
		int refundsBefore = sandbox.refundsMade();
		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.body().path("refund_amount").isNull()).as("nothing was paid when it was cancelled").isTrue();

		payments.charge(payment);

		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore + 1);
		assertGivenBack(stay, payment, refundsBefore);
		JsonNode booking = fixtures.booking(stay.guest(), stay.bookingId());
		assertThat(booking.path("status").asString()).isEqualTo("cancelled");
		assertThat(booking.path("refund_amount").isNull()).isTrue();
	}

	/** As above, but the booking's hold ran out (and its expiry job ran) while the charge was under way. */
	@Test
	void aChargeThatSucceedsAfterTheHoldExpiredIsRefunded() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		int chargesBefore = sandbox.chargesMade();
		int refundsBefore = sandbox.refundsMade();
		clock.advance(Duration.ofMinutes(16));
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
				.isEqualTo("expired"));

		payments.charge(payment);

		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore + 1);
		assertGivenBack(stay, payment, refundsBefore);
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("expired");
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
}
