package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The money columns that must agree with the booking are tied to it by the database (V45), whoever writes them: a
 * payment's payer and host are its booking's guest and host, a booking's host is its listing's, and the cancellation
 * refunds of a booking never add up to more than its {@code refund_amount} (the policy's grant; in full when the host
 * or an admin cancelled, as the contract says). Each rule is shown by a direct SQL write that the database refuses and
 * that changes nothing; the race by two JDBC connections.
 */
@JobsTest
class MoneyTiesIntegrationTests {

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

	ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void reset() {
		clock.reset();
		threads.shutdownNow();
	}

	@Test
	void aPaymentNamesItsBookingsGuestAsPayerAndItsBookingsHost() {
		Stay stay = fixtures.stay();
		TestUser stranger = accounts.guest();
		TestUser otherHost = accounts.host();

		assertRefused(() -> insertPayment(stay, stranger.id(), stay.host().id()), "payments_parties_of_booking");
		assertRefused(() -> insertPayment(stay, stay.guest().id(), otherHost.id()), "payments_parties_of_booking");
		assertRefused(() -> insertPayment(stay, stay.host().id(), stay.guest().id()), "payments_parties_of_booking");
		assertThat(PaymentFixtures.paymentRows(jdbc, stay.bookingId())).as("nothing written").isZero();

		insertPayment(stay, stay.guest().id(), stay.host().id());
		assertThat(PaymentFixtures.paymentRows(jdbc, stay.bookingId())).isOne();
		assertRefused(() -> jdbc.update("update payments set payer_id = ? where booking_id = ?", stranger.id(),
				stay.bookingId()), "payments_parties_of_booking");
	}

	@Test
	void aBookingNamesItsListingsHost() {
		Stay stay = fixtures.stay();
		TestUser otherHost = accounts.host();

		assertRefused(() -> jdbc.update("update bookings set host_id = ? where id = ?", otherHost.id(),
				stay.bookingId()), "bookings_host_of_listing");
		assertThat(jdbc.queryForObject("select host_id from bookings where id = ?", UUID.class, stay.bookingId()))
			.isEqualTo(stay.host().id());
	}

	@Test
	void cancellationRefundsStayWithinWhatThePolicyGranted() {
		Stay stay = fixtures.stay("strict", 11, 3);
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		clock.advance(Duration.ofHours(25));
		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		BigDecimal granted = new BigDecimal(cancelled.body().path("refund_amount").asString());
		assertThat(granted).isLessThan(stay.total());
		fixtures.awaitPayment(stay.guest(), payment, "partially_refunded");

		assertRefused(() -> PaymentFixtures.insertPendingRefund(jdbc, payment, new BigDecimal("0.01"),
				"cancellation"), "refunds_within_refund_amount");
		assertRefused(() -> jdbc.update("update bookings set refund_amount = refund_amount - 0.01 where id = ?",
				stay.bookingId()), "refunds_within_refund_amount");
		assertRefused(() -> jdbc.update("update bookings set cancelled_by = host_id where id = ?", stay.bookingId()),
				"bookings_host_side_cancel_refunds_in_full");
		assertThat(PaymentFixtures.refunds(jdbc, payment)).as("nothing written").hasSize(1);
		assertThat(jdbc.queryForObject("select refund_amount from bookings where id = ?", BigDecimal.class,
				stay.bookingId())).isEqualByComparingTo(granted);

		// what the policy did not grant may still go back for another reason (a difference found later, the
		// provider's dashboard): those refunds are bound by the payment alone (V12)
		PaymentFixtures.insertPendingRefund(jdbc, payment, new BigDecimal("0.01"), "amount_mismatch");
	}

	@Test
	void aCancellationRefundIsOnlyOfABookingCancelledWithARefund() {
		Stay stay = fixtures.stay();
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());

		assertRefused(() -> PaymentFixtures.insertPendingRefund(jdbc, payment, BigDecimal.TEN, "cancellation"),
				"refunds_within_refund_amount");
		assertRefused(() -> jdbc.update("update bookings set refund_amount = 10.00 where id = ?", stay.bookingId()),
				"bookings_refund_only_when_cancelled");
		UUID provider = PaymentFixtures.insertPendingRefund(jdbc, payment, BigDecimal.TEN, "provider");
		assertRefused(() -> jdbc.update("update refunds set reason = 'cancellation' where id = ?", provider),
				"refunds_fixed");
		assertThat(PaymentFixtures.refunds(jdbc, payment)).containsExactly(provider);
	}

	@Test
	void aRefundGoesBackThroughItsPaymentsProvider() {
		Stay stay = fixtures.stay();
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());

		assertRefused(() -> jdbc.update("""
				insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
				                     idempotency_key, created_at, updated_at)
				select gen_random_uuid(), id, booking_id, 10.00, currency, 'amount_mismatch', 'pending', 'stripe',
				       'sql-' || gen_random_uuid(), now(), now()
				from payments where id = ?""", payment), "refunds_through_payment_provider");
		assertThat(PaymentFixtures.refunds(jdbc, payment)).as("nothing written").isEmpty();
	}

	/**
	 * Two cancellation refunds of one booking written at once, each within the grant but not both: the second waits
	 * for the first (the booking's row lock) and then counts it. Without the lock both read the sum before the other
	 * and both pass.
	 */
	@Test
	void twoCancellationRefundsRacingCannotBothPassTheGrant() throws Exception {
		Stay stay = fixtures.stay("strict", 11, 3);
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		clock.advance(Duration.ofHours(25));
		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		fixtures.awaitPayment(stay.guest(), payment, "partially_refunded");
		BigDecimal granted = new BigDecimal(cancelled.body().path("refund_amount").asString());
		// an operator grants the guest as much again: room for one more refund of the grant, not for a cent more
		jdbc.update("update bookings set refund_amount = ? where id = ?", granted.add(granted), stay.bookingId());

		try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
			first.setAutoCommit(false);
			insertCancellationRefund(first, payment, granted);
			CompletableFuture<Void> racing = CompletableFuture.runAsync(
					() -> insertCancellationRefund(second, payment, new BigDecimal("0.01")), threads);
			await().atMost(Duration.ofSeconds(30)).until(() -> racing.isDone() || someoneWaitsForALock());
			first.commit();

			assertThatThrownBy(() -> racing.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.cause()
				.hasMessageContaining("refunds_within_refund_amount");
		}
		assertThat(PaymentFixtures.refunds(jdbc, payment)).hasSize(2);
	}

	private void insertPayment(Stay stay, UUID payer, UUID host) {
		jdbc.update("""
				insert into payments (id, booking_id, payer_id, host_id, amount, currency, payment_method, payment_token,
				                      status, provider, created_at, updated_at)
				values (gen_random_uuid(), ?, ?, ?, ?, ?, 'card', 'tok_visa', 'pending', 'sandbox', now(), now())""",
				stay.bookingId(), payer, host, stay.total(), stay.currency());
	}

	private static void insertCancellationRefund(Connection connection, UUID payment, BigDecimal amount) {
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
				                     idempotency_key, created_at, updated_at)
				select r.id, p.id, p.booking_id, ?, p.currency, 'cancellation', 'pending', p.provider, 'sql-' || r.id,
				       now(), now()
				from payments p, gen_random_uuid() r(id) where p.id = ?""")) {
			insert.setBigDecimal(1, amount);
			insert.setObject(2, payment);
			insert.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	private boolean someoneWaitsForALock() {
		return jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
				+ " and datname = current_database()", Integer.class) > 0;
	}

	private static void assertRefused(Runnable write, String constraint) {
		assertThatThrownBy(write::run).as(constraint)
			.isInstanceOf(DataIntegrityViolationException.class)
			.satisfies(ex -> assertThat(SqlStates.violates(ex, constraint)).as(ex.getMessage()).isTrue());
	}
}
