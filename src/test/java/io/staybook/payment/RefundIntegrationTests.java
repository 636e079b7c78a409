package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Cancelling a paid booking refunds it through the provider by a job, by the policy copied on the booking: the wiring
 * end to end for a full, a partial and a zero refund (the policy table itself is unit-tested).
 */
@JobsTest
class RefundIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	SandboxPaymentProvider sandbox;

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
	void aHostCancelRefundsTheWholeTotalThroughTheProviderAndMailsTheGuest() {
		Stay stay = fixtures.stay("strict", 3, 3);
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		int refundsBefore = sandbox.refundsMade();

		var cancelled = fixtures.cancel(stay.host(), stay.bookingId());

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.body().path("status").asString()).isEqualTo("cancelled");
		String total = stay.booking().path("total_price").asString();
		assertThat(cancelled.body().path("refund_amount").asString()).isEqualTo(total);
		JsonNode refunded = fixtures.awaitPayment(stay.guest(), payment, "refunded");
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo(total);
		assertThat(refunded.path("amount").asString()).isEqualTo(total);
		assertRefundedOnceAndMailed(stay, refundsBefore, total);
	}

	@Test
	void aLateGuestCancelUnderAStrictPolicyRefundsHalfTheNightsAndTheCleaningFee() {
		Stay stay = fixtures.stay("strict", 11, 3);
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		int refundsBefore = sandbox.refundsMade();

		// booked more than 24 hours ago, so no grace period; 7 to 13 days before check-in
		clock.advance(Duration.ofHours(25));
		long daysLeft = ChronoUnit.DAYS.between(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC),
				LocalDate.parse(stay.booking().path("check_in").asString()));
		assertThat(daysLeft).as("days left before check-in").isBetween(7L, 13L);
		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());

		// the contract: from 7 days, 50 % of the nightly subtotal plus the cleaning fee, half-up to the cent
		String expected = PaymentFixtures.PRICE_PER_NIGHT.multiply(BigDecimal.valueOf(3))
			.multiply(new BigDecimal("0.5"))
			.setScale(2, RoundingMode.HALF_UP)
			.add(PaymentFixtures.CLEANING_FEE)
			.toPlainString();
		assertThat(expected).isEqualTo("174.99");
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.body().path("refund_amount").asString()).isEqualTo(expected);
		JsonNode refunded = fixtures.awaitPayment(stay.guest(), payment, "partially_refunded");
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo(expected);
		assertThat(refunded.path("amount").asString()).isEqualTo(stay.booking().path("total_price").asString());
		assertRefundedOnceAndMailed(stay, refundsBefore, expected);
	}

	@Test
	void aCancelThatRefundsNothingLeavesThePaymentCompletedAndSchedulesNoRefund() {
		Stay stay = fixtures.stay("strict", 3, 2);
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		int refundsBefore = sandbox.refundsMade();

		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.body().path("refund_amount").asString()).isEqualTo("0.00");
		assertThat(PaymentFixtures.refunds(jdbc, payment)).as("no refund decided in the cancelling transaction").isEmpty();
		assertThat(PaymentFixtures.refundJobs(jdbc, payment)).as("and no refund job").isZero();
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			JsonNode current = fixtures.payment(stay.guest(), payment);
			assertThat(current.path("status").asString()).isEqualTo("completed");
			assertThat(current.path("refunded_amount").asString()).isEqualTo("0.00");
			assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore);
		});
		assertThat(PaymentIntegrationTests.subjects(stay.guest().email())).noneMatch(s -> s.startsWith("Your refund"));
	}

	@Test
	void cancellingAnUnpaidBookingRefundsNothing() {
		Stay stay = fixtures.stay();
		UUID failed = fixtures.payCreated(stay, "tok_chargeDeclined");
		fixtures.awaitPayment(stay.guest(), failed, "failed");
		int refundsBefore = sandbox.refundsMade();

		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());

		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.body().path("refund_amount").isNull()).isTrue();
		assertThat(PaymentFixtures.refunds(jdbc, failed)).isEmpty();
		assertThat(PaymentFixtures.refundJobs(jdbc, failed)).isZero();
		assertThat(fixtures.payment(stay.guest(), failed).path("status").asString()).isEqualTo("failed");
		assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore);
	}

	private void assertRefundedOnceAndMailed(Stay stay, int refundsBefore, String amount) {
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore + 1));
		await().atMost(PaymentFixtures.PATIENCE)
			.untilAsserted(() -> assertThat(PaymentIntegrationTests.subjects(stay.guest().email()))
				.contains("Your refund of " + amount + " USD is on its way"));
		assertThat(PaymentIntegrationTests.subjects(stay.host().email())).noneMatch(s -> s.startsWith("Your refund"));
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("cancelled");
	}
}
