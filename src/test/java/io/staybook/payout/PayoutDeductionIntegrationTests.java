package io.staybook.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.staybook.booking.BookingService;
import io.staybook.payout.PayoutStays.Stay;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
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
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A refund made after a host's payout is recovered from that host's next payouts (README, "Payouts"): recorded once
 * as a debt whatever path wrote the refund and however it raced the sweep, taken off the host's next payouts in the
 * same currency (over several when one is not enough, a payout consumed whole being settled at zero), shown in the
 * payout's {@code deducted}, balanced by the reconciliation (R8) and reported when it stays unrecovered too long.
 * Over real HTTP against PostgreSQL; the sweep is called as its recurring job calls it.
 */
@IntegrationTest
class PayoutDeductionIntegrationTests {

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
	PayoutRows rows;

	@Autowired
	PayoutSettings settings;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	PayoutStays stays;

	/** Threads of their own for the racers (the common pool may have a single one on a small machine). */
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
	void aRefundAfterThePayoutIsTakenOffTheHostsNextPayout() {
		TestUser host = accounts.host();
		Stay first = paidOut(stays.checkedIn(host));
		stays.refundedAtTheProvider(first, "30.00");

		assertThat(debts(first)).as("one debt, of the refund").containsExactly(new BigDecimal("30.00"));
		assertThat(stays.reconciliationAbout(first)).as("R8: the debt balances the booking").isEmpty();
		// a webhook told twice records it once
		stays.refundedAtTheProvider(first, "30.00");
		assertThat(debts(first)).hasSize(1);

		Stay next = paidOut(stays.checkedIn(host));
		JsonNode payout = stays.payoutOf(host, next);
		assertThat(payout.path("amount").asString()).isEqualTo(next.expectedPayout(BigDecimal.ZERO)
			.subtract(new BigDecimal("30.00"))
			.toPlainString()).isEqualTo("188.98");
		assertThat(payout.path("deducted").asString()).isEqualTo("30.00");
		assertThat(payout.path("status").asString()).isEqualTo("paid");
		assertThat(stays.payoutOf(host, first).path("deducted").asString()).isEqualTo("0.00");
		assertThat(jdbc.queryForObject("""
				select count(*) from payout_deduction_recoveries c join payouts o on o.id = c.payout_id
				where o.booking_id = ? and c.amount = 30.00""", Integer.class, next.bookingId())).isEqualTo(1);
		assertThat(stays.reconciliationAbout(first)).isEmpty();
		assertThat(stays.reconciliationAbout(next)).as("R8: 188.98 + 30.00 deducted + 20.00 + 6.00 = 244.98").isEmpty();

		var summary = api.get("/api/v1/payouts/summary").as(host).send();
		assertThat(summary.body().path("totals")).singleElement().satisfies(total -> {
			assertThat(total.path("amount").asString()).isEqualTo("407.96");
			assertThat(total.path("deducted").asString()).isEqualTo("30.00");
		});
		var csv = api.get("/api/v1/payouts/summary").as(host).header("Accept", "text/csv").send();
		assertThat(csv.text().lines().findFirst().orElseThrow()).endsWith(",\"deducted\"");
		assertThat(csv.text()).contains("\"188.98\"").contains("\"30.00\"");
		JsonNode graphQl = api.post("/graphql", Map.of("query",
				"query($id: ID!) { payout(id: $id) { amount deducted } }", "variables",
				Map.of("id", payout.path("id").asString()))).as(host).send().body();
		assertThat(graphQl.path("data").path("payout").path("deducted").asString()).isEqualTo("30.00");
	}

	@Test
	void aDebtLargerThanTheNextPayoutIsRecoveredOverSeveralAndNeverBeyondWhatTheHostWasPaid() {
		TestUser host = accounts.host();
		Stay first = paidOut(stays.checkedIn(host));
		// 230.00 of 244.98 back to the guest after the host was paid 218.98: the host owes those 218.98, the
		// platform loses the rest of its fees
		stays.refundedAtTheProvider(first, "230.00");
		assertThat(debts(first)).containsExactly(new BigDecimal("218.98"));

		// a stay with 100.00 refunded before its payout: 121.23 due, all of it taken back
		Stay small = stays.checkedIn(host);
		stays.refundedAtTheProvider(small, "100.00");
		paidOut(small);
		JsonNode zero = stays.payoutOf(host, small);
		assertThat(zero.path("amount").asString()).isEqualTo("0.00");
		assertThat(zero.path("deducted").asString()).isEqualTo(small.expectedPayout(new BigDecimal("100.00"))
			.toPlainString()).isEqualTo("121.23");
		assertThat(zero.path("status").asString()).as("nothing to send: settled at once").isEqualTo("paid");
		assertThat(zero.path("provider_reference").isNull()).isTrue();

		Stay last = paidOut(stays.checkedIn(host));
		JsonNode rest = stays.payoutOf(host, last);
		assertThat(rest.path("deducted").asString()).isEqualTo("97.75");
		assertThat(rest.path("amount").asString()).isEqualTo("121.23");
		assertThat(jdbc.queryForObject("select recovered_at is not null from payout_deductions where booking_id = ?",
				Boolean.class, first.bookingId())).isTrue();

		Stay after = paidOut(stays.checkedIn(host));
		assertThat(stays.payoutOf(host, after).path("deducted").asString()).as("nothing left to recover").isEqualTo("0.00");
		for (Stay stay : List.of(first, small, last, after)) {
			assertThat(stays.reconciliationAbout(stay)).as("balanced: %s", stay.bookingId()).isEmpty();
		}
	}

	@Test
	void aDebtIsRecoveredOnlyFromPayoutsInItsCurrency() {
		TestUser host = accounts.host();
		Stay euros = paidOut(stays.checkedIn(host, "EUR"));
		stays.refundedAtTheProvider(euros, "30.00");

		Stay dollars = paidOut(stays.checkedIn(host, "USD"));
		assertThat(stays.payoutOf(host, dollars).path("deducted").asString()).isEqualTo("0.00");
		assertThat(stays.payoutOf(host, dollars).path("amount").asString()).isEqualTo("218.98");

		Stay moreEuros = paidOut(stays.checkedIn(host, "EUR"));
		assertThat(stays.payoutOf(host, moreEuros).path("deducted").asString()).isEqualTo("30.00");
		assertThat(stays.payoutOf(host, moreEuros).path("currency").asString()).isEqualTo("EUR");
		// and never another host's payout
		Stay stranger = paidOut(stays.checkedIn(accounts.host(), "EUR"));
		assertThat(stays.payoutOf(stranger.host(), stranger).path("deducted").asString()).isEqualTo("0.00");
	}

	@Test
	void aDebtUnrecoveredForThirtyDaysIsReportedAndTheReportClearsOnceRecovered() {
		TestUser host = accounts.host();
		Stay first = paidOut(stays.checkedIn(host));
		stays.refundedAtTheProvider(first, "25.00");
		assertThat(stays.reconciliationAbout(first)).as("within 30 days: waiting for the next payout").isEmpty();

		stays.travelTo(clock.instant().plus(Duration.ofDays(31)));
		assertThat(stays.reconciliationAbout(first)).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("payout_deduction_unrecovered");
			assertThat(d.path("expected").asString()).isEqualTo("25.00 USD");
			assertThat(d.path("actual").asString()).isEqualTo("0.00 USD");
			assertThat(d.path("refund_id").isNull()).isFalse();
		});

		Stay next = paidOut(stays.checkedIn(host));
		assertThat(stays.payoutOf(host, next).path("deducted").asString()).isEqualTo("25.00");
		assertThat(stays.reconciliationAbout(first)).isEmpty();
		assertThat(stays.reconciliationAbout(next)).isEmpty();
	}

	@Test
	void aRefundWrittenWhileTheSweepIsMakingThePayoutBecomesADebtOnceItIsMade() throws Exception {
		Stay stay = stays.checkedIn();
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		CountDownLatch made = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// the sweep's transaction: the payout made (its payment locked), not yet committed
		CompletableFuture<Void> sweeping = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
			rows.makeDue("sandbox", settings, clock.instant());
			made.countDown();
			waitFor(release);
		}), threads);
		assertThat(made.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> refunding = CompletableFuture.runAsync(() -> stays.refundedAtTheProvider(stay, "30.00"),
				threads);
		await().atMost(Duration.ofSeconds(30)).until(this::someoneWaitsForALock);
		release.countDown();
		sweeping.get(30, TimeUnit.SECONDS);
		refunding.get(30, TimeUnit.SECONDS);

		assertThat(jdbc.queryForObject("select refunded from payouts where booking_id = ?", BigDecimal.class,
				stay.bookingId())).as("not counted by the payout").isEqualByComparingTo("0.00");
		assertThat(debts(stay)).as("so owed back").containsExactly(new BigDecimal("30.00"));
		sweep.sweep();
		assertThat(stays.reconciliationAbout(stay)).isEmpty();
	}

	@Test
	void aRefundBeingWrittenWhenTheSweepRunsIsCountedByThePayoutOnceItCommits() throws Exception {
		Stay stay = stays.checkedIn();
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		try (Connection refund = dataSource.getConnection()) {
			refund.setAutoCommit(false);
			insertProviderRefund(refund, stay, "30.00");

			sweep.sweep();
			assertThat(stays.payoutRows(stay)).as("its payment is locked by the refund: left for the next sweep").isZero();
			refund.commit();
		}
		sweep.sweep();

		assertThat(jdbc.queryForObject("select refunded from payouts where booking_id = ?", BigDecimal.class,
				stay.bookingId())).isEqualByComparingTo("30.00");
		assertThat(debts(stay)).as("counted by the payout: not owed too").isEmpty();
		assertThat(stays.payoutOf(stay.host(), stay).path("amount").asString())
			.isEqualTo(stay.expectedPayout(new BigDecimal("30.00")).toPlainString());
		assertThat(stays.reconciliationAbout(stay)).isEmpty();
	}

	@Test
	void refundsRacingTheSweepAreEachCountedExactlyOnce() throws Exception {
		List<Stay> stayed = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			stayed.add(stays.checkedIn());
		}
		stays.travelTo(stayed.getLast().due().plus(Duration.ofMinutes(1)));
		CyclicBarrier together = new CyclicBarrier(stayed.size() + 1);
		List<CompletableFuture<Void>> racers = new ArrayList<>();
		for (Stay stay : stayed) {
			racers.add(CompletableFuture.runAsync(() -> {
				waitFor(together);
				stays.refundedAtTheProvider(stay, "30.00");
			}, threads));
		}
		racers.add(CompletableFuture.runAsync(() -> {
			waitFor(together);
			sweep.sweep();
		}, threads));
		for (CompletableFuture<Void> racer : racers) {
			racer.get(60, TimeUnit.SECONDS);
		}
		sweep.sweep();

		for (Stay stay : stayed) {
			BigDecimal counted = jdbc.queryForObject("select refunded from payouts where booking_id = ?",
					BigDecimal.class, stay.bookingId());
			List<BigDecimal> owed = debts(stay);
			assertThat(counted.signum() == 0 ? owed : List.of(counted))
				.as("counted by the payout or owed back, once: %s", stay.bookingId())
				.containsExactly(new BigDecimal("30.00"));
			assertThat(counted.signum() == 0 || owed.isEmpty()).isTrue();
			assertThat(stays.reconciliationAbout(stay)).isEmpty();
		}
	}

	@Test
	void theDatabaseRefusesARecoveryBeyondItsDebtInAnotherCurrencyOrFromAPayoutOnItsWay() {
		TestUser host = accounts.host();
		Stay first = paidOut(stays.checkedIn(host));
		stays.refundedAtTheProvider(first, "30.00");
		UUID debt = jdbc.queryForObject("select id from payout_deductions where booking_id = ?", UUID.class,
				first.bookingId());
		Stay euros = stays.checkedIn(host, "EUR");
		Stay dollars = stays.checkedIn(host);
		stays.travelTo(dollars.due().plus(Duration.ofMinutes(1)));
		// made, as the sweep's transaction makes them, neither recovered from nor claimed yet
		transactions.executeWithoutResult(s -> rows.makeDue("sandbox", settings, clock.instant()));
		UUID eurPayout = payoutId(euros);
		UUID usdPayout = payoutId(dollars);

		assertThatThrownBy(() -> recover(debt, eurPayout, host, "EUR", "1.00")).as("another currency")
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> recover(debt, usdPayout, host, "USD", "30.01")).as("more than the debt")
			.isInstanceOf(DataIntegrityViolationException.class)
			.hasMessageContaining("payout_deductions_within_amount");
		// claimed in a transaction rolled back after: a payout once claimed stays closed to deductions (V45), even
		// when its claim is released
		transactions.executeWithoutResult(s -> {
			jdbc.update("update payouts set claimed_at = now() where id = ?", usdPayout);
			assertThatThrownBy(() -> recover(debt, usdPayout, host, "USD", "1.00")).as("a payout being paid")
				.isInstanceOf(DataIntegrityViolationException.class)
				.hasMessageContaining("no longer open to deductions");
			s.setRollbackOnly();
		});

		recover(debt, usdPayout, host, "USD", "30.00");
		assertThat(jdbc.queryForMap("select amount, deducted from payouts where id = ?", usdPayout))
			.containsEntry("amount", new BigDecimal("188.98"))
			.containsEntry("deducted", new BigDecimal("30.00"));
		assertThatThrownBy(() -> jdbc.update("delete from payout_deduction_recoveries where deduction_id = ?", debt))
			.as("history").isInstanceOf(DataIntegrityViolationException.class);
		sweep.sweep();
		assertThat(stays.reconciliationAbout(dollars)).isEmpty();
		assertThat(stays.reconciliationAbout(euros)).isEmpty();
	}

	private UUID payoutId(Stay stay) {
		return jdbc.queryForObject("select id from payouts where booking_id = ?", UUID.class, stay.bookingId());
	}

	private void recover(UUID debt, UUID payout, TestUser host, String currency, String amount) {
		jdbc.update("""
				insert into payout_deduction_recoveries (deduction_id, payout_id, host_id, currency, amount, created_at)
				values (?, ?, ?, ?, ?, now())""", debt, payout, host.id(), currency, new BigDecimal(amount));
	}

	/** Pays the stay out when due, and returns it. */
	private Stay paidOut(Stay stay) {
		Instant due = stay.due().plus(Duration.ofMinutes(1));
		if (clock.instant().isBefore(due)) {
			stays.travelTo(due);
		}
		sweep.sweep();
		assertThat(stays.payoutRows(stay)).isEqualTo(1);
		return stay;
	}

	/** A refund made at the provider, written in {@code connection}'s open transaction. */
	private void insertProviderRefund(Connection connection, Stay stay, String amount) throws Exception {
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

	private List<BigDecimal> debts(Stay stay) {
		return jdbc.queryForList("select amount from payout_deductions where booking_id = ? order by created_at",
				BigDecimal.class, stay.bookingId());
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void waitFor(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
