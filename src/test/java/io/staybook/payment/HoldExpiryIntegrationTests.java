package io.staybook.payment;

import static io.staybook.payment.PaymentFixtures.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.PaymentJobs.RefundOrder;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
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
 * The moment between a hold's expiry time and its expiry job: the booking still says {@code pending_payment}, but its
 * time is up. In the context that runs no jobs, so that the expiry job surely has not run; the clock is moved past the
 * hold, which also keeps what is scheduled here from falling due for the jobs context of the same test JVM.
 */
@IntegrationTest
class HoldExpiryIntegrationTests {

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
	SchedulerClient scheduler;

	@Autowired
	JdbcTemplate jdbc;

	PaymentFixtures fixtures;

	final List<UUID> scheduledHere = new ArrayList<>();

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void cleanUp() {
		clock.reset();
		// nothing this test scheduled may run later, in the jobs context, when a test there moves its clock as far
		for (UUID id : scheduledHere) {
			jdbc.update("delete from scheduled_tasks where task_instance like ?", "%" + id + "%");
		}
	}

	@Test
	void payingAfterTheHoldTimeIsA409EvenBeforeTheExpiryJobRan() {
		Stay stay = fixtures.stay();
		scheduledHere.add(stay.bookingId());
		clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");

		var response = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());

		assertThat(response.status()).as(response.toString()).isEqualTo(409);
		assertThat(response.body().path("code").asString()).isEqualTo("hold_expired");
		assertThat(PaymentFixtures.paymentRows(jdbc, stay.bookingId())).isZero();
	}

	@Test
	void aChargeThatSucceedsAfterTheHoldTimeDoesNotConfirmTheBookingAndIsGivenBack() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		scheduledHere.add(stay.bookingId());
		scheduledHere.add(payment);
		int chargesBefore = sandbox.chargesMade();
		int refundsBefore = sandbox.refundsMade();
		clock.advance(Duration.ofMinutes(16));

		payments.charge(payment);

		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore + 1);
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.as("the hold ran out before the money came: the booking expires, it is not confirmed")
			.isEqualTo("expired");
		assertThat(PaymentFixtures.refunds(jdbc, payment)).as("one refund of the late charge").hasSize(1);
		UUID refund = PaymentFixtures.refunds(jdbc, payment).getFirst();
		scheduledHere.add(refund);
		var refundJob = scheduler.getScheduledExecution(TaskInstanceId.of(PaymentJobs.REFUND, refund.toString()));
		assertThat(refundJob).as("a refund job for the late charge, keyed by its refund").isPresent();
		RefundOrder order = (RefundOrder) refundJob.get().getData();
		assertThat(order.refundId()).isEqualTo(refund);
		assertThat(order.paymentId()).isEqualTo(payment);
		assertThat(order.amount()).isEqualByComparingTo(new BigDecimal(stay.booking().path("total_price").asString()));

		payments.refund(order);

		JsonNode refunded = fixtures.payment(stay.guest(), payment);
		assertThat(refunded.path("status").asString()).isEqualTo("refunded");
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo(stay.booking().path("total_price").asString());
		assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore + 1);
	}
}
