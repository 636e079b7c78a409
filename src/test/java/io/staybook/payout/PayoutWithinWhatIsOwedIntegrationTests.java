package io.staybook.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.staybook.booking.BookingService;
import io.staybook.payout.PayoutStays.Stay;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
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
 * A payout pays its host at most what the booking owes them: total − service fee − host fee − the refunds written
 * when it is made (V41's trigger {@code payouts_within_what_is_owed}), whoever writes it and however it races a
 * refund. Before, only the sweep's own statement held it: a payout written beside a refund being written (another
 * node, an operator's SQL) passed without counting it, and the refund, finding no payout yet, recorded no debt, so
 * the host was paid money that went back to the guest. The rows made from a payment also name its booking (V41's
 * foreign keys). Over real PostgreSQL, with two JDBC connections for the race.
 */
@IntegrationTest
class PayoutWithinWhatIsOwedIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	BookingService bookings;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	PayoutSweep sweep;

	@Autowired
	DataSource dataSource;

	PayoutStays stays;

	ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	@BeforeEach
	void setUp() {
		stays = new PayoutStays(api, accounts, listings, bookings, jdbc, clock);
		stays.payOutWhatOthersHaveDue(sweep);
	}

	@AfterEach
	void resetTime() {
		clock.reset();
		threads.shutdownNow();
	}

	@Test
	void aPayoutRacingARefundIsRefusedOnceTheRefundCommits() throws Exception {
		Stay stay = stays.checkedIn();
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		try (Connection refund = dataSource.getConnection(); Connection payout = dataSource.getConnection()) {
			refund.setAutoCommit(false);
			insertProviderRefund(refund, stay, "30.00");
			// a payout of the whole stay, computed before the refund: it must wait for it, then count it
			CompletableFuture<Void> paying = CompletableFuture.runAsync(() -> insertPayout(payout, stay,
					stay.expectedPayout(BigDecimal.ZERO), BigDecimal.ZERO), threads);
			await().atMost(Duration.ofSeconds(30)).until(() -> paying.isDone() || someoneWaitsForALock());
			refund.commit();

			assertThatThrownBy(() -> paying.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.cause()
				.hasMessageContaining("payouts_within_what_is_owed");
		}
		assertThat(stays.payoutRows(stay)).isZero();

		sweep.sweep();
		assertThat(jdbc.queryForObject("select refunded from payouts where booking_id = ?", BigDecimal.class,
				stay.bookingId())).as("the sweep's payout counts the refund").isEqualByComparingTo("30.00");
		assertThat(stays.reconciliationAbout(stay)).isEmpty();
	}

	@Test
	void theDatabaseRefusesAPayoutThatIsNotWhatTheBookingOwesItsHost() {
		Stay stay = stays.checkedIn();
		Stay other = stays.checkedIn();
		BigDecimal owed = stay.expectedPayout(BigDecimal.ZERO);
		BigDecimal hostFee = stay.total().subtract(stay.serviceFee()).subtract(owed);

		assertRefused(() -> insert(stay, stay.paymentId(), stay.host().id(), owed.add(new BigDecimal("0.01")), hostFee),
				"payouts_account_for_the_stay");
		assertRefused(() -> insert(stay, other.paymentId(), stay.host().id(), owed, hostFee),
				"payouts_of_the_bookings_payment");
		assertRefused(() -> insert(stay, stay.paymentId(), other.host().id(), owed, hostFee),
				"payouts_to_the_bookings_host");
		assertThat(stays.payoutRows(stay)).isZero();

		insert(stay, stay.paymentId(), stay.host().id(), owed, hostFee);
		assertRefused(() -> jdbc.update("update payouts set host_fee = host_fee - 1, amount = amount + 1"
				+ " where booking_id = ?", stay.bookingId()), "payouts_fixed");
	}

	@Test
	void aRefundNamesItsPaymentsBooking() {
		Stay stay = stays.checkedIn();
		Stay other = stays.checkedIn();

		assertRefused(() -> jdbc.update("""
				insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
				                     idempotency_key, created_at, updated_at)
				values (gen_random_uuid(), ?, ?, 10.00, 'USD', 'provider', 'pending', 'sandbox',
				        'sql-' || gen_random_uuid(), now(), now())""", stay.paymentId(), other.bookingId()),
				"refunds_of_payment_booking");
	}

	private int insert(Stay stay, UUID paymentId, UUID hostId, BigDecimal amount, BigDecimal hostFee) {
		return jdbc.update("""
				insert into payouts (id, booking_id, host_id, payment_id, amount, host_fee, refunded, currency, status,
				                     provider, due_at, created_at, updated_at)
				values (gen_random_uuid(), ?, ?, ?, ?, ?, 0, 'USD', 'pending', 'sandbox', now(), now(), now())""",
				stay.bookingId(), hostId, paymentId, amount, hostFee);
	}

	private static void assertRefused(Runnable write, String constraint) {
		assertThatThrownBy(write::run).as(constraint)
			.isInstanceOf(DataIntegrityViolationException.class)
			.satisfies(ex -> assertThat(SqlStates.violates(ex, constraint)).as(ex.getMessage()).isTrue());
	}

	/** A payout of {@code amount} with {@code refunded} counted, in {@code connection} (auto-commit). */
	private void insertPayout(Connection connection, Stay stay, BigDecimal amount, BigDecimal refunded) {
		BigDecimal hostFee = stay.total().subtract(stay.serviceFee()).subtract(refunded).subtract(amount);
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into payouts (id, booking_id, host_id, payment_id, amount, host_fee, refunded, currency, status,
				                     provider, due_at, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, 'USD', 'pending', 'sandbox', now(), now(), now())""")) {
			insert.setObject(1, UUID.randomUUID());
			insert.setObject(2, stay.bookingId());
			insert.setObject(3, stay.host().id());
			insert.setObject(4, stay.paymentId());
			insert.setBigDecimal(5, amount);
			insert.setBigDecimal(6, hostFee);
			insert.setBigDecimal(7, refunded);
			insert.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/** A refund made at the provider, written in {@code connection}'s open transaction. */
	private void insertProviderRefund(Connection connection, Stay stay, String amount) throws SQLException {
		UUID id = UUID.randomUUID();
		try (PreparedStatement insert = connection.prepareStatement("""
				insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
				                     idempotency_key, provider_reference, created_at, updated_at)
				values (?, ?, ?, ?, 'USD', 'provider', 'succeeded', 'sandbox', ?, ?, ?, ?)""")) {
			Timestamp now = Timestamp.from(clock.instant());
			insert.setObject(1, id);
			insert.setObject(2, stay.paymentId());
			insert.setObject(3, stay.bookingId());
			insert.setBigDecimal(4, new BigDecimal(amount));
			insert.setString(5, "refund-" + id);
			insert.setString(6, "re_race_" + id);
			insert.setTimestamp(7, now);
			insert.setTimestamp(8, now);
			insert.executeUpdate();
		}
	}

	private boolean someoneWaitsForALock() {
		return jdbc.queryForObject("""
				select count(*) from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock'""", Integer.class) > 0;
	}
}
