package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.payment.PaymentJobs.RefundOrder;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
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
 * The removal rules where money moves: a charge in flight when its listing or guest goes lands on a cancelled hold and
 * is refunded in full; a deletion racing a payment never leaves a confirmed booking on a removed listing. In the
 * context that runs no jobs: the charge job is driven here, on payments inserted as pending (as in
 * {@code HoldExpiryIntegrationTests}), so that no other context's jobs charge them first.
 */
@IntegrationTest
class RemovalPaymentIntegrationTests {

	@Autowired
	io.staybook.payment.sandbox.SandboxPaymentProvider sandbox;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

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
		for (UUID id : scheduledHere) {
			jdbc.update("delete from scheduled_tasks where task_instance like ?", "%" + id + "%");
		}
	}

	/** The charge job comes round after the listing went: it finds the hold cancelled and charges nothing. */
	@Test
	void aChargeDueWhenTheListingIsDeletedIsNeverMade() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		scheduledHere.add(stay.bookingId());
		scheduledHere.add(payment);
		int chargesBefore = sandbox.chargesMade();

		assertThat(api.delete("/api/v1/properties/" + stay.propertyId()).as(stay.host()).send().status())
			.isEqualTo(204);
		payments.charge(payment);

		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("cancelled");
		assertNeverCharged(stay, payment, chargesBefore);
	}

	/** The charge was under way at the provider when the listing went; its success is given back in full. */
	@Test
	void aChargeInFlightWhenTheListingIsDeletedIsRefundedInFullAndTheBookingIsNotConfirmed() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		scheduledHere.add(stay.bookingId());
		scheduledHere.add(payment);

		assertThat(api.delete("/api/v1/properties/" + stay.propertyId()).as(stay.host()).send().status())
			.isEqualTo(204);
		payments.apply("sandbox", new ProviderEvent("evt_" + UUID.randomUUID(), ProviderEvent.Type.SUCCEEDED, payment,
				"ch_landed_" + payment, null, null));

		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("cancelled");
		RefundOrder order = refundOrder(payment);
		assertThat(order.amount()).isEqualByComparingTo(stay.total());
		payments.refund(order);
		JsonNode refunded = fixtures.payment(stay.guest(), payment);
		assertThat(refunded.path("status").asString()).isEqualTo("refunded");
		assertThat(refunded.path("refunded_amount").asString()).isEqualTo(stay.total().toPlainString());
	}

	@Test
	void aChargeDueWhenTheGuestDeletesTheirAccountIsNeverMade() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		scheduledHere.add(stay.bookingId());
		scheduledHere.add(payment);
		int chargesBefore = sandbox.chargesMade();

		assertThat(api.delete("/api/v1/users/" + stay.guest().id()).as(stay.guest()).send().status()).isEqualTo(204);
		payments.charge(payment);

		assertThat(fixtures.booking(stay.host(), stay.bookingId()).path("status").asString()).isEqualTo("cancelled");
		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore);
		assertThat(jdbc.queryForObject("select failure_reason from payments where id = ?", String.class, payment))
			.isEqualTo("booking_not_payable");
	}

	@Test
	void aDeletionRacingAPaymentNeverLeavesAConfirmedBookingOnARemovedListing() throws Exception {
		for (int round = 0; round < 8; round++) {
			Stay stay = fixtures.stay();
			UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
			scheduledHere.add(stay.bookingId());
			scheduledHere.add(payment);

			List<Api.Response> answers = Concurrently.send(2, i -> {
				if (i == 0) {
					return api.delete("/api/v1/properties/" + stay.propertyId()).as(stay.host()).send();
				}
				payments.charge(payment);
				return null;
			});

			int deleted = answers.get(0).status();
			String status = fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString();
			if (deleted == 204) {
				assertThat(status).as("round %d: the listing went, so the hold went with it", round)
					.isEqualTo("cancelled");
				// charged before the deletion and refunded after it, or never charged: the guest keeps nothing
				String paid = fixtures.payment(stay.guest(), payment).path("status").asString();
				if (paid.equals("failed")) {
					assertThat(jdbc.queryForObject("select failure_reason from payments where id = ?", String.class,
							payment)).isEqualTo("booking_not_payable");
				}
				else {
					assertThat(refundOrder(payment).amount()).isEqualByComparingTo(stay.total());
				}
			}
			else {
				assertThat(deleted).as("round %d: %s", round, answers.get(0)).isEqualTo(409);
				assertThat(answers.get(0).body().path("code").asString()).isEqualTo("has_upcoming_stays");
				assertThat(status).as("round %d: paid first, so the listing stays", round).isEqualTo("confirmed");
				assertThat(api.get("/api/v1/properties/" + stay.propertyId()).send().status()).isEqualTo(200);
			}
		}
	}

	private void assertNeverCharged(Stay stay, UUID payment, int chargesBefore) {
		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore);
		JsonNode failed = fixtures.payment(stay.guest(), payment);
		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.path("failure_reason").asString()).isEqualTo("booking_not_payable");
	}

	private RefundOrder refundOrder(UUID payment) {
		List<UUID> refunds = PaymentFixtures.refunds(jdbc, payment);
		assertThat(refunds).as("one refund of the charge that landed on a removed hold").hasSize(1);
		scheduledHere.add(refunds.getFirst());
		var job = scheduler.getScheduledExecution(TaskInstanceId.of(PaymentJobs.REFUND, refunds.getFirst().toString()));
		assertThat(job).as("a refund job for the charge that landed on a removed hold").isPresent();
		return (RefundOrder) job.get().getData();
	}
}
