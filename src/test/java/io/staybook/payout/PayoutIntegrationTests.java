package io.staybook.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.staybook.booking.BookingService;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.payout.PayoutStays.Stay;
import io.staybook.shared.jobs.JobDataSerializer;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Payouts over real HTTP against PostgreSQL: made 24 hours after check-in by the sweep (called here as its recurring
 * job calls it; this context runs no jobs), paid through the sandbox once however many sweeps run or retry, and shown
 * to the host and admins only.
 */
@IntegrationTest
class PayoutIntegrationTests {

	@Autowired
	Api api;

	/** How the application stores job data: a node of its own must read and write rows the same way. */
	@Autowired
	JobDataSerializer jobDataSerializer;

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
	SandboxPaymentProvider sandbox;

	@Autowired
	PayoutSweep sweep;

	@Autowired
	RecurringTask<Void> payOutStaysTask;

	@Autowired
	DataSource dataSource;

	PayoutStays stays;

	@BeforeEach
	void setUp() {
		stays = new PayoutStays(api, accounts, listings, bookings, jdbc, clock);
		stays.payOutWhatOthersHaveDue(sweep);
	}

	@AfterEach
	void resetTime() {
		clock.reset();
		sandbox.beUnreachableFor(0);
		sandbox.loseNextResponses(0);
	}

	@Test
	void theHostIsPaidTwentyFourHoursAfterCheckInThroughTheSandbox() {
		Stay stay = stays.checkedIn();

		JsonNode payout = paidOutWhenDue(stay);
		assertThat(UUID.fromString(payout.path("id").asString()).version()).isEqualTo(7);
		assertThat(payout.path("host_id").asString()).isEqualTo(stay.host().id().toString());
		assertThat(payout.path("status").asString()).isEqualTo("paid");
		assertThat(payout.path("currency").asString()).isEqualTo("USD");
		// 244.98 paid: 20.00 service fee, 6.00 host fee (3 % of 199.98 nights, half-up)
		assertThat(payout.path("amount").asString()).isEqualTo("218.98")
			.isEqualTo(stay.expectedPayout(BigDecimal.ZERO).toPlainString());
		assertThat(payout.path("provider_reference").asString())
			.isEqualTo("tr_sandbox_payout-" + payout.path("id").asString() + "-1");
		assertThat(payout.path("paid_at").isNull()).isFalse();
		assertThat(jdbc.queryForObject("select host_fee from payouts where booking_id = ?", BigDecimal.class,
				stay.bookingId())).isEqualByComparingTo("6.00");

		var one = api.get("/api/v1/payouts/" + payout.path("id").asString()).as(stay.host()).send();
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.body()).isEqualTo(payout);
	}

	@Test
	void twoSweepsAtOnceAndRetriesMakeOnePayoutAndPayItOnce() throws Exception {
		List<Stay> stayed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			stayed.add(stays.checkedIn());
		}
		stays.travelTo(stayed.getLast().due().plus(Duration.ofMinutes(1)));
		int before = sandbox.payoutsMade();

		ExecutorService nodes = Executors.newFixedThreadPool(2);
		int made = 0;
		int paid = 0;
		try {
			CyclicBarrier together = new CyclicBarrier(2);
			Callable<PayoutSweep.Result> node = () -> {
				together.await();
				return sweep.sweep();
			};
			List<Future<PayoutSweep.Result>> runs = List.of(nodes.submit(node), nodes.submit(node));
			for (Future<PayoutSweep.Result> run : runs) {
				made += run.get().made();
				paid += run.get().paid();
			}
		}
		finally {
			nodes.shutdown();
		}
		// a third run, as a retry of the job would: nothing left to make or pay
		PayoutSweep.Result retry = sweep.sweep();
		assertThat(retry.made() + retry.paid()).isZero();

		for (Stay stay : stayed) {
			assertThat(stays.payoutRows(stay)).isEqualTo(1);
			assertThat(stays.payoutOf(stay.host(), stay).path("status").asString()).isEqualTo("paid");
		}
		assertThat(made).as("each payout made by one of the two").isGreaterThanOrEqualTo(5);
		assertThat(paid).as("each paid by one of the two").isEqualTo(made);
		assertThat(sandbox.payoutsMade() - before).as("each host paid once").isEqualTo(made);
	}

	@Test
	void theRecurringJobOnTwoNodesPaysEachStayOnce() {
		List<Stay> stayed = List.of(stays.checkedIn(), stays.checkedIn());
		stays.travelTo(stayed.getLast().due().plus(Duration.ofMinutes(1)));
		// the job's row may be left from an earlier run with its next run later than the time travelled to
		jdbc.update("update scheduled_tasks set execution_time = ? where task_name = ? and not picked",
				java.sql.Timestamp.from(clock.instant()), PayoutJobs.PAY_OUT);
		int before = sandbox.payoutsMade();
		List<Scheduler> nodes = List.of(node("payout-node-a"), node("payout-node-b"));
		try {
			nodes.forEach(Scheduler::start);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> stayed.stream()
					.allMatch(stay -> "paid".equals(jdbc.queryForObject(
							"select coalesce(max(status), 'none') from payouts where booking_id = ?", String.class,
							stay.bookingId()))));
		}
		finally {
			nodes.forEach(Scheduler::stop);
		}
		for (Stay stay : stayed) {
			assertThat(stays.payoutRows(stay)).isEqualTo(1);
		}
		assertThat(sandbox.payoutsMade() - before).as("what others had due was paid before").isEqualTo(2);
	}

	/** A node: a db-scheduler of its own on the application's database and clock, running only the payout sweep. */
	private Scheduler node(String name) {
		return Scheduler.create(dataSource, List.of())
			.schedulerName(new SchedulerName.Fixed(name))
			.clock(clock::instant)
			.startTasks(payOutStaysTask)
			.serializer(jobDataSerializer)
			.pollingInterval(Duration.ofMillis(100))
			.threads(2)
			.shutdownMaxWait(Duration.ofSeconds(5))
			.build();
	}

	@Test
	void aLostAnswerIsAskedAgainWithTheSameKeyAndPaysOnce() {
		Stay stay = stays.checkedIn();
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		int before = sandbox.payoutsMade();
		sandbox.loseNextResponses(1);

		sweep.sweep();
		assertThat(stays.payoutOf(stay.host(), stay).path("status").asString()).as("no answer yet").isEqualTo("pending");
		assertThat(sandbox.payoutsMade() - before).as("the money moved all the same").isEqualTo(1);

		sweep.sweep();
		JsonNode payout = stays.payoutOf(stay.host(), stay);
		assertThat(payout.path("status").asString()).isEqualTo("paid");
		assertThat(payout.path("provider_reference").asString()).endsWith("-1");
		assertThat(sandbox.payoutsMade() - before).as("the retry was answered from the key").isEqualTo(1);
	}

	@Test
	void aPayoutClaimedByANodeThatDiedIsPaidByAnotherAfterTheClaimTimesOut() {
		Stay stay = stays.checkedIn();
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		sandbox.beUnreachableFor(1);
		sweep.sweep();
		// a node that died mid-call leaves its claim behind
		jdbc.update("update payouts set claimed_at = ? where booking_id = ?",
				java.sql.Timestamp.from(clock.instant()), stay.bookingId());

		sweep.sweep();
		assertThat(stays.payoutOf(stay.host(), stay).path("status").asString()).as("claimed").isEqualTo("pending");

		clock.advance(Duration.ofMinutes(6));
		sweep.sweep();
		assertThat(stays.payoutOf(stay.host(), stay).path("status").asString()).isEqualTo("paid");
	}

	@Test
	void aRefundBeforeThePayoutIsSubtractedFromIt() {
		Stay stay = stays.checkedIn();
		stays.refundedAtTheProvider(stay, "30.00");
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));

		sweep.sweep();

		JsonNode payout = stays.payoutOf(stay.host(), stay);
		assertThat(payout.path("status").asString()).isEqualTo("paid");
		// 194.98 kept after the service fee, less than the 199.98 nights: host fee 3 % of 194.98 = 5.85
		assertThat(payout.path("amount").asString()).isEqualTo("189.13")
			.isEqualTo(stay.expectedPayout(new BigDecimal("30.00")).toPlainString());
	}

	@Test
	void aStayWhoseRefundsReachIntoTheServiceFeeHasNoPayout() {
		Stay stay = stays.checkedIn();
		// 244.98 paid, 230.00 given back at the provider: 14.98 kept, less than the 20.00 service fee
		stays.refundedAtTheProvider(stay, "230.00");
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));

		sweep.sweep();

		assertThat(stays.payoutRows(stay)).as("the host is owed nothing; no payout of zero or less").isZero();
		assertThat(stays.reconciliationAbout(stay)).as("no payout for R8 to check").isEmpty();
	}

	@Test
	void aCancellationRefundedInFullIsNeverPaidOut() {
		Stay stay = stays.paid();
		var cancelled = api.post("/api/v1/bookings/" + stay.bookingId() + "/cancel", Map.of()).as(stay.host()).send();
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		assertThat(cancelled.body().path("refund_amount").asString()).as("a host's cancel refunds everything")
			.isEqualTo(stay.total().toPlainString());
		stays.travelTo(stay.due().plus(Duration.ofDays(3)));

		sweep.sweep();

		assertThat(stays.payoutRows(stay)).isZero();
	}

	@Test
	void aLateCancellationPaysTheHostWhatThePolicyKeptTwentyFourHoursAfterTheCheckIn() {
		Stay stay = stays.paid("moderate");
		JsonNode cancelled = stays.cancelledByGuest(stay);
		// 0 days left under moderate: half the nights (199.98 / 2 = 99.99) and the cleaning fee (25.00) go back
		assertThat(cancelled.path("refund_amount").asString()).isEqualTo("124.99");

		JsonNode payout = paidOutWhenDue(stay);
		assertThat(payout.path("status").asString()).isEqualTo("paid");
		// 244.98 paid − 20.00 service fee − 124.99 refunded = 99.99 kept, the nights kept;
		// host fee 3 % of them (2.9997 → 3.00, half-up), not of the whole nights' 199.98 (6.00)
		assertThat(payout.path("amount").asString()).isEqualTo("96.99");
		assertThat(jdbc.queryForObject("select host_fee from payouts where booking_id = ?", BigDecimal.class,
				stay.bookingId())).isEqualByComparingTo("3.00");

		stays.refundsSucceeded(stay);
		assertThat(stays.reconciliationAbout(stay)).as("R8: 96.99 + 20.00 + 3.00 + 124.99 = 244.98").isEmpty();
	}

	@Test
	void aStrictCancellationThatRefundsNothingPaysTheHostAsAStay() {
		Stay stay = stays.paid("strict");
		assertThat(stays.cancelledByGuest(stay).path("refund_amount").asString()).isEqualTo("0.00");
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));

		sweep.sweep();

		JsonNode payout = stays.payoutOf(stay.host(), stay);
		assertThat(payout.path("status").asString()).isEqualTo("paid");
		assertThat(payout.path("amount").asString()).isEqualTo(stay.expectedPayout(BigDecimal.ZERO).toPlainString());
		assertThat(stays.reconciliationAbout(stay)).isEmpty();
	}

	@Test
	void aBookingCancelledDuringItsHoldIsNeverPaidOutEvenIfAChargeLandsLate() {
		Stay stay = stays.held();
		assertThat(stays.cancelledByGuest(stay).path("refund_amount").isNull()).as("nothing was paid").isTrue();
		// a charge the provider made after the hold was cancelled, not given back yet
		UUID paymentId = stays.captured(stay);
		stays.travelTo(stay.due().plus(Duration.ofDays(1)));

		sweep.sweep();
		assertThat(stays.payoutRows(stay)).as("money taken, but the booking kept none of it").isZero();

		// as the payments module gives it back in full (R4), leaving the shared database's ledger clean
		jdbc.update("""
				insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
				                     idempotency_key, provider_reference, created_at, updated_at)
				values (?, ?, ?, ?, 'USD', 'late_charge', 'succeeded', 'sandbox', ?, ?, now(), now())""",
				paymentId, paymentId, stay.bookingId(), stay.total(), "refund-" + paymentId, "re_sandbox_" + paymentId);
		sweep.sweep();
		assertThat(stays.payoutRows(stay)).isZero();
		assertThat(stays.reconciliationAbout(stay)).isEmpty();
	}

	@Test
	void aStayNeverCheckedInIsPaidOutOnceItIsCompleted() {
		Stay stay = stays.paid();
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		sweep.sweep();
		assertThat(stays.payoutRows(stay)).as("confirmed, not checked in: the guest may still cancel").isZero();

		// the stay's check-out has passed: the completion job closes it (a no-show pays the host, as the policy kept it)
		stays.travelTo(stay.checkIn().plusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
		bookings.completeIfOver(stay.bookingId());
		sweep.sweep();

		assertThat(stays.payoutOf(stay.host(), stay).path("status").asString()).isEqualTo("paid");
	}

	/**
	 * A stay nobody checked in is paid out once it is over, as it then reads completed: it waited for the completion
	 * job (every 5 minutes) to write it, then for the next sweep.
	 */
	@Test
	void aStayNeverCheckedInIsPaidOutOnceItIsOverBeforeTheCompletionJob() {
		Stay stay = stays.paid();
		// the last moment of its check-out date (two nights; UTC, the listing's zone): spent, not over
		stays.travelTo(stay.checkIn().plusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minusSeconds(1));
		sweep.sweep();
		assertThat(stays.payoutRows(stay)).isZero();

		stays.travelTo(stay.checkIn().plusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
		sweep.sweep();

		assertThat(stays.payoutOf(stay.host(), stay).path("status").asString()).isEqualTo("paid");
	}

	@Test
	void aPayoutIsSeenByItsHostAndAdminsOnly() {
		Stay stay = stays.checkedIn();
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		sweep.sweep();
		String id = stays.payoutOf(stay.host(), stay).path("id").asString();
		TestUser admin = accounts.admin();
		TestUser stranger = accounts.host();

		assertThat(api.get("/api/v1/payouts/" + id).as(admin).send().status()).isEqualTo(200);
		for (TestUser other : List.of(stay.guest(), stranger)) {
			var refused = api.get("/api/v1/payouts/" + id).as(other).send();
			assertThat(refused.status()).isEqualTo(404);
			assertThat(refused.contentType()).startsWith("application/problem+json");
		}
		assertThat(api.get("/api/v1/payouts/" + id).send().status()).isEqualTo(401);
		assertThat(api.get("/api/v1/payouts/" + UUID.randomUUID()).as(admin).send().status()).isEqualTo(404);

		assertThat(ids(api.get("/api/v1/payouts").as(stay.guest()).send().body())).doesNotContain(id);
		assertThat(ids(api.get("/api/v1/payouts").as(stranger).send().body())).isEmpty();
		assertThat(ids(api.get("/api/v1/payouts?host_id=" + stay.host().id()).as(admin).send().body()))
			.containsExactly(id);
		var notTheirs = api.get("/api/v1/payouts?host_id=" + stay.host().id()).as(stranger).send();
		assertThat(notTheirs.status()).isEqualTo(403);
		assertThat(api.get("/api/v1/payouts?host_id=nope").as(admin).send().status()).isEqualTo(400);
		assertThat(api.get("/api/v1/payouts?cursor=garbage").as(admin).send().status()).isEqualTo(400);
	}

	@Test
	void aHostsPayoutsArePagedNewestFirst() {
		TestUser host = accounts.host();
		List<Stay> stayed = List.of(stays.checkedIn(host), stays.checkedIn(host), stays.checkedIn(host));
		stays.travelTo(stayed.getFirst().due().plus(Duration.ofMinutes(1)));
		sweep.sweep();
		List<String> made = jdbc.queryForList("select id::text from payouts where host_id = ? order by id",
				String.class, host.id());
		assertThat(made).hasSize(3);

		var page1 = api.get("/api/v1/payouts?limit=2").as(host).send();
		assertThat(page1.status()).isEqualTo(200);
		var page2 = api.get("/api/v1/payouts?limit=2&cursor=" + page1.body().path("next_cursor").asString()).as(host)
			.send();
		assertThat(page2.body().path("next_cursor").isNull()).isTrue();
		List<String> seen = new ArrayList<>(ids(page1.body()));
		seen.addAll(ids(page2.body()));
		assertThat(seen).containsExactlyElementsOf(made.reversed());
	}

	/** Sweeps a minute before the stay's payout is due (none made) and a minute after; returns the payout made. */
	/**
	 * The reconciliation's {@code payout_missing} is the sweep's own rule (one SQL fragment, {@code PayoutRows.DUE}):
	 * the stays of this deployment's provider it reports at an instant, the whole shared database over, are exactly
	 * the payouts a sweep at that instant less the grace (1 hour) makes; a stay charged through another provider is
	 * reported as such, and left alone by the sweep.
	 */
	@Test
	void theReconciliationReportsExactlyThePayoutsTheSweepHasNotMade() {
		Stay stay = stays.checkedIn();
		Stay strict = stays.paid("strict");
		stays.cancelledByGuest(strict);
		Stay elsewhere = stays.checkedInThrough("stripe");
		Instant dueBy = stay.due().plus(Duration.ofMinutes(1));
		clock.fixAt(dueBy.plus(Duration.ofHours(1)));

		Map<String, String> missing = new HashMap<>();
		stays.reconciliation().path("discrepancies").forEach(d -> {
			if (d.path("kind").asString().equals("payout_missing")) {
				missing.put(d.path("booking_id").asString(), d.path("detail").asString());
			}
		});
		assertThat(missing.get(elsewhere.bookingId().toString())).contains("taken through stripe, not sandbox");
		Set<String> notMade = missing.entrySet().stream()
			.filter(e -> e.getValue().contains("the payout sweep has not made it"))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		assertThat(notMade).contains(stay.bookingId().toString(), strict.bookingId().toString());

		// the payouts already there: an earlier run on this database made its own at this very instant (the same
		// check-in date's due time), which this run's sweep did not make
		String[] earlier = jdbc.queryForList("select id::text from payouts", String.class).toArray(String[]::new);
		clock.fixAt(dueBy);
		while (sweep.sweep().made() > 0) {
			// a batch at a time
		}
		assertThat(jdbc.queryForList("select booking_id::text from payouts where id::text <> all(?)", String.class,
				(Object) earlier))
			.as("the payouts this sweep made")
			.containsExactlyInAnyOrderElementsOf(notMade);
		assertThat(jdbc.queryForList("select distinct created_at from payouts where id::text <> all(?)",
				java.sql.Timestamp.class, (Object) earlier))
			.as("made at the instant swept")
			.containsExactly(java.sql.Timestamp.from(dueBy));
		assertThat(stays.payoutRows(elsewhere)).isZero();

		clock.fixAt(dueBy.plus(Duration.ofHours(1)));
		assertThat(stays.reconciliationAbout(stay)).isEmpty();
		assertThat(stays.reconciliationAbout(elsewhere)).singleElement()
			.satisfies(d -> assertThat(d.path("kind").asString()).isEqualTo("payout_missing"));
	}

	private JsonNode paidOutWhenDue(Stay stay) {
		stays.travelTo(stay.due().minus(Duration.ofMinutes(1)));
		sweep.sweep();
		assertThat(stays.payoutRows(stay)).as("not due a minute before").isZero();

		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		sweep.sweep();
		return stays.payoutOf(stay.host(), stay);
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("results").forEach(p -> ids.add(p.path("id").asString()));
		return ids;
	}
}
