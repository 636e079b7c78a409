package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Refunds keyed by refund, not by payment (issue 10, item 6): each refund is its own row and its own provider call, the
 * payment's {@code refunded_amount} is the database's sum of the succeeded ones, and a refund job given up leaves its
 * refund {@code failed}.
 */
@JobsTest
class RefundRowsIntegrationTests {

	static final BigDecimal TEN = new BigDecimal("10.00");

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
	void twoEqualPartialRefundsOfOnePaymentBothReachTheProviderAndAddUp() {
		Stay stay = fixtures.stay();
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		int refundsBefore = sandbox.refundsMade();

		UUID first = payments.issueRefund(payment, TEN, Refund.Reason.AMOUNT_MISMATCH);
		UUID second = payments.issueRefund(payment, TEN, Refund.Reason.AMOUNT_MISMATCH);

		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(refundStatuses(payment)).containsExactly("succeeded", "succeeded"));
		assertThat(sandbox.refundsMade()).as("two refunds, not one deduplicated").isEqualTo(refundsBefore + 2);
		JsonNode refunded = fixtures.payment(stay.guest(), payment);
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo("20.00");
		assertThat(refunded.path("status").asString()).isEqualTo("partially_refunded");
		assertThat(jdbc.queryForList("select provider_reference from refunds where payment_id = ? order by id",
				String.class, payment))
			.containsExactly("re_sandbox_refund-" + first, "re_sandbox_refund-" + second);
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(PaymentIntegrationTests.subjects(stay.guest().email()))
				.filteredOn(s -> s.startsWith("Your refund of 10.00 USD"))
				.as("one mail per refund")
				.hasSize(2));
	}

	@Test
	void aRefundJobRetriedAfterALostAnswerRefundsOnce() {
		Stay stay = fixtures.stay();
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		int refundsBefore = sandbox.refundsMade();
		sandbox.loseNextResponses(2);

		payments.issueRefund(payment, TEN, Refund.Reason.AMOUNT_MISMATCH);
		payments.issueRefund(payment, new BigDecimal("5.50"), Refund.Reason.AMOUNT_MISMATCH);

		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(refundStatuses(payment)).containsExactly("succeeded", "succeeded"));
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore + 2));
		assertThat(fixtures.payment(stay.guest(), payment).path("refunded_amount").asString()).isEqualTo("15.50");
	}

	@Test
	void aCancellationRefundIsARowOfItsOwnAndTheRestCanStillBeRefunded() {
		Stay stay = fixtures.stay("strict", 11, 3);
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		clock.advance(Duration.ofHours(25));

		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		BigDecimal refund = new BigDecimal(cancelled.body().path("refund_amount").asString());
		fixtures.awaitPayment(stay.guest(), payment, "partially_refunded");
		assertThat(jdbc.queryForObject("select reason from refunds where payment_id = ?", String.class, payment))
			.isEqualTo("cancellation");

		payments.issueRefund(payment, stay.total().subtract(refund), Refund.Reason.AMOUNT_MISMATCH);

		JsonNode full = fixtures.awaitPayment(stay.guest(), payment, "refunded");
		assertThat(full.path("refunded_amount").asString()).isEqualTo(stay.booking().path("total_price").asString());
	}

	@Test
	void theDatabaseRefusesRefundsAboveWhatThePaymentTook() {
		Stay stay = fixtures.stay();
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		payments.issueRefund(payment, stay.total().subtract(TEN), Refund.Reason.AMOUNT_MISMATCH);

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> payments.issueRefund(payment, new BigDecimal("10.01"), Refund.Reason.AMOUNT_MISMATCH))
			.satisfies(ex -> assertThat(SqlStates.violates(ex, "refunds_within_payment")).isTrue());
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.as("nor by SQL")
			.isThrownBy(() -> jdbc.update("""
					insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
					                     idempotency_key, created_at, updated_at)
					select gen_random_uuid(), id, booking_id, 10.01, currency, 'provider', 'pending', provider,
					       'sql-' || gen_random_uuid(), now(), now()
					from payments where id = ?""", payment));
		UUID last = payments.issueRefund(payment, TEN, Refund.Reason.AMOUNT_MISMATCH);
		assertThat(last).as("what is left can be refunded").isNotNull();
		JsonNode refunded = fixtures.awaitPayment(stay.guest(), payment, "refunded");
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo(stay.booking().path("total_price").asString());
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.as("a succeeded refund is final")
			.isThrownBy(() -> jdbc.update("update refunds set status = 'pending' where id = ?", last));
	}

	@Test
	void aRefundJobThatIsGivenUpLeavesItsRefundFailedWithAReason() {
		Stay stay = fixtures.stay();
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		sandbox.loseNextResponses(1_000);

		UUID refund = payments.issueRefund(payment, TEN, Refund.Reason.AMOUNT_MISMATCH);

		// 4 retries after 200 ms, doubling: about 3 s
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(refundStatuses(payment)).containsExactly("failed"));
		sandbox.loseNextResponses(0);
		Map<String, Object> row = jdbc.queryForMap("select failure_reason from refunds where id = ?", refund);
		assertThat((String) row.get("failure_reason")).startsWith("gave_up: ProviderUnavailableException");
		assertThat(jdbc.queryForObject("select count(*) from dead_jobs where task_instance = ?", Integer.class,
				refund.toString())).isEqualTo(1);
		JsonNode current = fixtures.payment(stay.guest(), payment);
		assertThat(current.path("status").asString()).isEqualTo("completed");
		assertThat(current.path("refunded_amount").asString()).isEqualTo("0.00");
		assertThat(PaymentFixtures.refundJobs(jdbc, payment)).isZero();
	}

	/** A job queued before refunds had rows names only the payment: it gets one row, keyed as it was then. */
	@Test
	void aRefundJobFromBeforeRefundRowsGetsOneRowKeyedByItsPayment() {
		Stay stay = fixtures.stay();
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		int refundsBefore = sandbox.refundsMade();
		PaymentJobs.RefundOrder legacy = new PaymentJobs.RefundOrder(payment, stay.total(), null);

		payments.refund(legacy);
		payments.refund(legacy);

		assertThat(jdbc.queryForList("select idempotency_key || ' ' || status from refunds where payment_id = ?",
				String.class, payment))
			.containsExactly("refund-" + payment + " succeeded");
		assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore + 1);
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("refunded");
	}

	private List<String> refundStatuses(UUID payment) {
		return jdbc.queryForList("select status from refunds where payment_id = ? order by id", String.class, payment);
	}
}
