package io.staybook.payment;

import static io.staybook.payment.PaymentFixtures.insertPayment;
import static io.staybook.payment.PaymentFixtures.newKey;
import static io.staybook.payment.PaymentFixtures.paymentRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At most one successful and at most one pending payment per booking: the database refuses more, and the API turns
 * that into a 409. The pending payments here are written without a charge job (see
 * {@link PaymentFixtures#insertPendingPayment}), so that they stay pending.
 */
@IntegrationTest
class PaymentConstraintsIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

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
	void theDatabaseRefusesASecondSuccessfulPaymentForOneBooking() {
		Stay stay = fixtures.stay();
		insertPayment(jdbc, stay, "completed", "ch_" + UUID.randomUUID(), clock);

		for (String status : new String[] { "completed", "partially_refunded", "refunded" }) {
			assertThatThrownBy(() -> insertPayment(jdbc, stay, status, "ch_" + UUID.randomUUID(), clock))
				.as(status)
				.isInstanceOf(DataIntegrityViolationException.class)
				.hasMessageContaining("payments_one_success_per_booking");
		}
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
	}

	@Test
	void theDatabaseRefusesASecondPendingPaymentForOneBooking() {
		Stay stay = fixtures.stay();
		PaymentFixtures.insertPendingPayment(jdbc, stay, clock);

		assertThatThrownBy(() -> PaymentFixtures.insertPendingPayment(jdbc, stay, clock))
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("payments_one_pending_per_booking");
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
	}

	@Test
	void failedAttemptsAreNotLimitedAndMayStandBesideOnePendingAndOneSuccessfulPayment() {
		Stay stay = fixtures.stay();

		insertPayment(jdbc, stay, "failed", null, clock);
		insertPayment(jdbc, stay, "failed", null, clock);
		PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		insertPayment(jdbc, stay, "completed", "ch_" + UUID.randomUUID(), clock);

		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(4);
	}

	@Test
	void aSecondPaymentWhileOneIsPendingIsA409() {
		Stay stay = fixtures.stay();
		UUID pending = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);

		var second = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());

		assertThat(second.status()).as(second.toString()).isEqualTo(409);
		assertThat(second.contentType()).startsWith("application/problem+json");
		assertThat(second.body().path("code").asString()).isEqualTo("payment_in_progress");
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
		assertThat(fixtures.payment(stay.guest(), pending).path("status").asString()).isEqualTo("pending");
	}

	@Test
	void aBookingThatAlreadyHasASuccessfulPaymentCannotBePaidAgain() {
		Stay stay = fixtures.stay();
		// the booking still awaits payment, but a payment of it succeeded (its confirmation has not happened yet)
		insertPayment(jdbc, stay, "completed", "ch_" + UUID.randomUUID(), clock);

		var second = fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey());

		assertThat(second.status()).as(second.toString()).isEqualTo(409);
		assertThat(second.body().path("code").asString()).isEqualTo("already_paid");
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
	}

	/**
	 * A second payment must not slip in while the first one's success is being recorded: the new payment would be
	 * charged for a booking that is already paid, and could never be completed (the unique index refuses it). Here the
	 * first payment's success (a provider event) is held mid-transaction by a lock on the booking, and a second
	 * {@code POST /payments} arrives then.
	 */
	@Test
	void noSecondPaymentSlipsInWhileTheFirstOnesSuccessIsBeingRecorded() throws Exception {
		Stay stay = fixtures.stay();
		UUID first = PaymentFixtures.insertPendingPayment(jdbc, stay, clock);
		String event = WebhookIntegrationTests.event("evt_" + UUID.randomUUID(), "payment.succeeded", first, "");
		String signature = WebhookSignature.sign(WebhookIntegrationTests.SECRET, clock.instant().getEpochSecond(),
				event);

		CompletableFuture<Api.Response> success;
		CompletableFuture<Api.Response> second;
		try (Connection lock = dataSource.getConnection()) {
			lock.setAutoCommit(false);
			try (PreparedStatement select = lock.prepareStatement("select id from bookings where id = ? for update")) {
				select.setObject(1, stay.bookingId());
				select.executeQuery().close();
			}
			success = CompletableFuture.supplyAsync(() -> api.post(WebhookIntegrationTests.SANDBOX, null)
				.raw(event)
				.header("Content-Type", "application/json")
				.header("Staybook-Signature", signature)
				.send());
			awaitLockWaits(1);
			second = CompletableFuture
				.supplyAsync(() -> fixtures.pay(stay.guest(), stay.bookingId(), "tok_visa", newKey()));
			awaitLockWaits(2);
			lock.commit();
		}

		var successResponse = success.get(60, TimeUnit.SECONDS);
		var secondResponse = second.get(60, TimeUnit.SECONDS);
		assertThat(successResponse.status()).as(successResponse.toString()).isEqualTo(200);
		assertThat(secondResponse.status()).as("the second payment is refused: " + secondResponse).isEqualTo(409);
		assertThat(secondResponse.body().path("code").asString()).isIn("payment_in_progress", "booking_not_payable");
		assertThat(paymentRows(jdbc, stay.bookingId())).isEqualTo(1);
		assertThat(fixtures.payment(stay.guest(), first).path("status").asString()).isEqualTo("completed");
		assertThat(fixtures.booking(stay.guest(), stay.bookingId()).path("status").asString()).isEqualTo("confirmed");
	}

	/** Waits until {@code count} sessions of this database wait for a lock. */
	private void awaitLockWaits(int count) {
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> jdbc.queryForObject("""
					select count(*) from pg_stat_activity
					where datname = current_database() and wait_event_type = 'Lock'""", Integer.class) >= count);
	}
}
