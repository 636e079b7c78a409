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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

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
	io.staybook.booking.BookingService bookings;

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

	/**
	 * The guest paid in time; the expiry job comes round while the charge is under way and leaves the hold alone, and
	 * the charge, ending after the hold time, confirms the booking (issue 10). Before, the booking expired and the
	 * guest's money was given back.
	 */
	@Test
	void aChargeThatSucceedsAfterTheHoldTimeConfirmsTheBookingOfAGuestWhoPaidInTime() {
		Stay stay = fixtures.stay();
		UUID payment = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		scheduledHere.add(stay.bookingId());
		scheduledHere.add(payment);
		int chargesBefore = sandbox.chargesMade();
		int refundsBefore = sandbox.refundsMade();
		clock.advance(Duration.ofMinutes(16));

		bookings.expireHold(stay.bookingId());
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.as("a hold whose payment is in flight waits for it").isEqualTo("pending_payment");
		// nor does the sweep take it, which looks at it again on every run until the payment grace is over
		bookings.expireOverdueHolds();
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString())
			.isEqualTo("pending_payment");

		payments.charge(payment);

		assertThat(sandbox.chargesMade()).isEqualTo(chargesBefore + 1);
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("completed");
		assertThat(sandbox.refundsMade()).isEqualTo(refundsBefore);
	}

	/** Without a payment in flight, the expiry job expires the hold at its time, as before. */
	@Test
	void aHoldWithoutAPaymentExpiresAtItsTime() {
		Stay stay = fixtures.stay();
		scheduledHere.add(stay.bookingId());
		clock.advance(Duration.ofMinutes(15).plusSeconds(1));

		bookings.expireHold(stay.bookingId());

		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("expired");
	}
}
