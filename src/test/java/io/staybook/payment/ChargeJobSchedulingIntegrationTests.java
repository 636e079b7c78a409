package io.staybook.payment;

import static io.staybook.payment.PaymentFixtures.newKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /payments} only writes the pending payment and, in the same transaction, its charge job: the request
 * itself never calls the provider. In the context that runs no jobs, with the clock 30 days ahead, so that the jobs
 * context of the same test JVM (on the real time) does not run the job while we look at it.
 */
@IntegrationTest
class ChargeJobSchedulingIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	SandboxPaymentProvider sandbox;

	@Autowired
	SchedulerClient scheduler;

	@Autowired
	JdbcTemplate jdbc;

	PaymentFixtures fixtures;

	final List<UUID> scheduledHere = new ArrayList<>();

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
		clock.advance(Duration.ofDays(30));
	}

	@AfterEach
	void cleanUp() {
		clock.reset();
		for (UUID id : scheduledHere) {
			jdbc.update("delete from scheduled_tasks where task_instance like ?", "%" + id + "%");
		}
	}

	@Test
	void theChargeJobIsScheduledWithThePendingPaymentAndTheRequestChargesNothing() {
		Stay stay = fixtures.stay();
		scheduledHere.add(stay.bookingId());
		int chargesBefore = sandbox.chargesMade();
		Instant before = clock.instant();

		var response = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		UUID payment = UUID.fromString(response.body().path("id").asString());
		scheduledHere.add(payment);
		var job = scheduler.getScheduledExecution(TaskInstanceId.of(PaymentJobs.CHARGE, payment.toString()));
		assertThat(job).as("the charge job of the payment").isPresent();
		assertThat(job.get().getData()).isEqualTo(payment);
		assertThat(job.get().getExecutionTime()).as("due at once").isBetween(before, clock.instant());
		assertThat(sandbox.chargesMade()).as("the request itself charged nothing").isEqualTo(chargesBefore);
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("pending");
	}

	@Test
	void aRefusedPaymentSchedulesNoChargeJob() {
		Stay stay = fixtures.stay();
		scheduledHere.add(stay.bookingId());
		UUID pending = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		scheduledHere.add(pending);
		Instant since = clock.instant();

		var refused = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());

		assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
		assertThat(refused.body().path("code").asString()).isEqualTo("payment_in_progress");
		assertThat(chargeJobsDueFrom(since)).isZero();
	}

	/** Charge jobs due from {@code since} on: only this test's, at the moved clock. */
	private int chargeJobsDueFrom(Instant since) {
		return jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ? and execution_time >= ?",
				Integer.class, PaymentJobs.CHARGE, java.sql.Timestamp.from(since));
	}
}
