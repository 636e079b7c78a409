package io.staybook.reconciliation;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.reconciliation.MoneyRecords.Booked;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/admin/reconciliation}: records that keep the money invariants are not reported; each invariant
 * broken by one SQL update of a fixture is reported with its kind and the records involved; admins only; the gauge
 * counts what the report holds. The test database is shared with every other test, so a test looks only at the
 * discrepancies that name its own records.
 */
@IntegrationTest
class ReconciliationIntegrationTests {

	static final String PATH = "/api/v1/admin/reconciliation";

	static final Duration LONG_AGO = Duration.ofHours(2);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	SandboxPaymentProvider sandbox;

	MoneyRecords records;

	TestUser admin;

	@BeforeEach
	void setUp() {
		records = new MoneyRecords(jdbc, accounts, listings, clock);
		admin = accounts.admin();
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void recordsThatKeepEveryRuleAreNotReported() {
		Booked confirmed = records.booking("confirmed", null);
		String charge = charged(MoneyRecords.TOTAL);
		UUID confirmedPayment = records.paid(confirmed, charge);
		Booked cancelled = records.booking("cancelled", new BigDecimal("120.00"));
		String cancelledCharge = charged(MoneyRecords.TOTAL);
		UUID cancelledPayment = records.paid(cancelled, cancelledCharge);
		sandbox.refund("refund-" + UUID.randomUUID(), cancelledCharge, new BigDecimal("100.00"), "USD");
		records.refund(cancelledPayment, new BigDecimal("100.00"), "cancellation", "succeeded", LONG_AGO);
		// on its way: the provider may or may not have it yet
		records.refund(cancelledPayment, new BigDecimal("20.00"), "cancellation", "pending", Duration.ZERO);
		Booked expired = records.booking("expired", null);
		UUID expiredPayment = records.paid(expired, "ch_elsewhere_" + UUID.randomUUID());
		records.refund(expiredPayment, MoneyRecords.TOTAL, "late_charge", "pending", Duration.ofMinutes(5));
		Booked cancelledUnpaid = records.booking("cancelled", null);
		records.payment(cancelledUnpaid, "failed", null, LONG_AGO);
		Booked holding = records.booking("pending_payment", null);
		UUID inFlight = records.payment(holding, "pending", null, Duration.ofMinutes(5));

		JsonNode report = report(admin);

		assertThat(report.path("checked_at").asString()).isNotBlank();
		assertThat(report.path("bookings_checked").asInt()).isGreaterThanOrEqualTo(5);
		for (UUID id : List.of(confirmed.bookingId(), confirmedPayment, cancelled.bookingId(), cancelledPayment,
				expired.bookingId(), expiredPayment, cancelledUnpaid.bookingId(), holding.bookingId(), inFlight)) {
			assertThat(about(report, id)).as("nothing about %s", id).isEmpty();
		}
	}

	@Test
	void r1AConfirmedBookingWithoutItsPaymentOrWithAnotherAmountIsReported() {
		Booked unpaid = records.booking("confirmed", null);
		records.payment(unpaid, "failed", null, LONG_AGO);
		Booked underpaid = records.booking("checked_in", null);
		UUID payment = records.paid(underpaid, "ch_r1_" + UUID.randomUUID());
		// a payment of another amount, as data written before V8's trigger (which now refuses it) could hold
		transactions.executeWithoutResult(status -> {
			jdbc.execute("set local session_replication_role = replica");
			jdbc.update("update payments set amount = 299.99 where id = ?", payment);
		});

		JsonNode report = report(admin);

		assertThat(about(report, unpaid.bookingId())).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("confirmed_without_payment");
			assertThat(d.path("expected").asString()).isEqualTo("300.00");
			assertThat(d.path("payment_id").isNull()).isTrue();
		});
		assertThat(about(report, payment)).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("paid_amount_mismatch");
			assertThat(d.path("booking_id").asString()).isEqualTo(underpaid.bookingId().toString());
			assertThat(d.path("expected").asString()).isEqualTo("300.00 USD");
			assertThat(d.path("actual").asString()).isEqualTo("299.99 USD");
		});
	}

	@Test
	void r2ARefundedAmountThatIsNotTheSumOfTheSucceededRefundsIsReported() {
		Booked booked = records.booking("cancelled", new BigDecimal("50.00"));
		UUID payment = records.paid(booked, "ch_r2_" + UUID.randomUUID());
		records.refund(payment, new BigDecimal("50.00"), "cancellation", "succeeded", Duration.ZERO);
		assertThat(jdbc.queryForObject("select refunded_amount || ' ' || status from payments where id = ?",
				String.class, payment)).as("kept by the database").isEqualTo("50.00 partially_refunded");

		// as data written before V50's trigger (which now refuses it) could hold
		transactions.executeWithoutResult(status -> {
			jdbc.execute("set local session_replication_role = replica");
			jdbc.update("update payments set refunded_amount = 60.00 where id = ?", payment);
		});

		assertThat(kinds(report(admin), payment)).containsExactly("refunded_amount_mismatch");
		assertThat(about(report(admin), payment).getFirst().path("expected").asString()).isEqualTo("50.00");
	}

	@Test
	void r3ACancellationRefundThatDoesNotAddUpOrIsStuckIsReported() {
		Booked short_ = records.booking("cancelled", new BigDecimal("80.00"));
		UUID payment = records.paid(short_, "ch_r3_" + UUID.randomUUID());
		records.refund(payment, new BigDecimal("80.00"), "cancellation", "succeeded", Duration.ZERO);
		jdbc.update("update bookings set refund_amount = 90.00 where id = ?", short_.bookingId());
		Booked stuck = records.booking("cancelled", new BigDecimal("80.00"));
		UUID stuckRefund = records.refund(records.paid(stuck, "ch_r3_" + UUID.randomUUID()), new BigDecimal("80.00"),
				"cancellation", "pending", LONG_AGO);

		JsonNode report = report(admin);

		assertThat(about(report, short_.bookingId())).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("cancellation_refund_mismatch");
			assertThat(d.path("expected").asString()).isEqualTo("90.00");
			assertThat(d.path("actual").asString()).isEqualTo("80.00");
		});
		assertThat(about(report, stuckRefund)).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("refund_stuck");
			assertThat(d.path("booking_id").asString()).isEqualTo(stuck.bookingId().toString());
		});
	}

	@Test
	void r4ABookingNeverConfirmedThatKeepsMoneyIsReported() {
		Booked expired = records.booking("expired", null);
		UUID kept = records.paid(expired, "ch_r4_" + UUID.randomUUID());
		Booked cancelled = records.booking("cancelled", null);
		UUID partly = records.paid(cancelled, "ch_r4_" + UUID.randomUUID());
		records.refund(partly, new BigDecimal("100.00"), "late_charge", "succeeded", Duration.ZERO);

		JsonNode report = report(admin);

		assertThat(kinds(report, kept)).containsExactly("unconfirmed_booking_kept_money");
		assertThat(about(report, partly)).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("unconfirmed_booking_kept_money");
			assertThat(d.path("expected").asString()).isEqualTo("300.00");
			assertThat(d.path("actual").asString()).isEqualTo("100.00");
		});
	}

	@Test
	void r4ARequestOrADeclinedRequestCarriesNoMoney() {
		Booked requested = records.booking("requested", null);
		UUID keptByRequest = records.paid(requested, "ch_r4_" + UUID.randomUUID());
		Booked declined = records.booking("declined", null);
		UUID keptByDeclined = records.paid(declined, "ch_r4_" + UUID.randomUUID());
		Booked clean = records.booking("declined", null);

		JsonNode report = report(admin);

		assertThat(kinds(report, keptByRequest)).containsExactly("unconfirmed_booking_kept_money");
		assertThat(kinds(report, keptByDeclined)).containsExactly("unconfirmed_booking_kept_money");
		assertThat(about(report, clean.bookingId())).isEmpty();
	}

	@Test
	void r5APaymentPendingTooLongAndAFailedRefundAreReported() {
		Booked holding = records.booking("pending_payment", null);
		UUID stuck = records.payment(holding, "pending", null, Duration.ZERO);
		jdbc.update("update payments set created_at = created_at - interval '2 hours' where id = ?", stuck);
		Booked cancelled = records.booking("cancelled", new BigDecimal("40.00"));
		UUID payment = records.paid(cancelled, "ch_r5_" + UUID.randomUUID());
		UUID refund = records.refund(payment, new BigDecimal("40.00"), "cancellation", "pending", Duration.ZERO);
		jdbc.update("update refunds set status = 'failed', failure_reason = 'gave_up: test' where id = ?", refund);

		JsonNode report = report(admin);

		assertThat(kinds(report, stuck)).containsExactly("payment_stuck");
		assertThat(about(report, refund)).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("refund_failed");
			assertThat(d.path("payment_id").asString()).isEqualTo(payment.toString());
			assertThat(d.path("detail").asString()).contains("gave_up: test");
		});
		assertThat(kinds(report, cancelled.bookingId())).as("and its cancellation refund no longer adds up")
			.contains("refund_failed", "cancellation_refund_mismatch");
	}

	@Test
	void r6AnActiveBookingOfADeletedListingOrAccountIsReported() {
		Booked onDeletedListing = records.booking("confirmed", null);
		records.paid(onDeletedListing, "ch_r6_" + UUID.randomUUID());
		jdbc.update("update properties set deleted_at = now() where id = ?", onDeletedListing.propertyId());
		Booked ofDeletedGuest = records.booking("pending_payment", null);
		jdbc.update("update users set deleted_at = now() where id = ?", ofDeletedGuest.guestId());

		JsonNode report = report(admin);

		assertThat(about(report, onDeletedListing.bookingId())).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("active_booking_on_deleted_listing");
			assertThat(d.path("actual").asString()).isEqualTo("confirmed");
		});
		assertThat(about(report, ofDeletedGuest.bookingId())).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("active_booking_of_deleted_account");
			assertThat(d.path("detail").asString()).contains("guest");
		});
	}

	@Test
	void r7WhatTheProviderTookOrGaveBackOtherwiseIsReported() {
		Booked overcharged = records.booking("confirmed", null);
		UUID charge = records.paid(overcharged, charged(new BigDecimal("310.00")));
		Booked refundedThere = records.booking("confirmed", null);
		String reference = charged(MoneyRecords.TOTAL);
		UUID payment = records.paid(refundedThere, reference);
		sandbox.refund("refund-dashboard-" + UUID.randomUUID(), reference, new BigDecimal("25.00"), "USD");

		JsonNode report = report(admin);

		assertThat(about(report, charge)).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("provider_charge_mismatch");
			assertThat(d.path("expected").asString()).isEqualTo("300.00");
			assertThat(d.path("actual").asString()).isEqualTo("310.00");
		});
		assertThat(about(report, payment)).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("provider_refund_mismatch");
			assertThat(d.path("expected").asString()).isEqualTo("0.00");
			assertThat(d.path("actual").asString()).isEqualTo("25.00");
		});
	}

	/**
	 * A payment recorded as failed (a decline, or a charge we gave up on) whose charge the provider made after all is
	 * reported: money taken with no booking to show for it. One the provider declined too, or whose stray charge was
	 * given back there, is not.
	 */
	@Test
	void r7AFailedPaymentWhoseChargeTheProviderKeptIsReported() {
		Booked kept = records.booking("expired", null);
		UUID strayCharge = records.payment(kept, "failed", charged(MoneyRecords.TOTAL), Duration.ZERO);
		Booked declined = records.booking("expired", null);
		String declinedThere = sandbox.charge("charge-" + UUID.randomUUID(), MoneyRecords.TOTAL, "USD",
				"tok_chargeDeclined").reference();
		UUID declinedPayment = records.payment(declined, "failed", declinedThere, Duration.ZERO);
		Booked givenBack = records.booking("expired", null);
		String refundedThere = charged(MoneyRecords.TOTAL);
		sandbox.refund("refund-dashboard-" + UUID.randomUUID(), refundedThere, MoneyRecords.TOTAL, "USD");
		UUID givenBackPayment = records.payment(givenBack, "failed", refundedThere, Duration.ZERO);

		JsonNode report = report(admin);

		assertThat(about(report, strayCharge)).singleElement().satisfies(d -> {
			assertThat(d.path("kind").asString()).isEqualTo("provider_charge_mismatch");
			assertThat(d.path("expected").asString()).isEqualTo("0.00");
			assertThat(d.path("actual").asString()).isEqualTo("300.00");
		});
		assertThat(about(report, declinedPayment)).isEmpty();
		assertThat(about(report, givenBackPayment)).isEmpty();
	}

	@Test
	void theLastReportIsServedUntilARefreshAndTheGaugeCountsIt() {
		Booked cancelled = records.booking("cancelled", new BigDecimal("40.00"));
		UUID payment = records.paid(cancelled, "ch_gauge_" + UUID.randomUUID());
		records.refund(payment, new BigDecimal("40.00"), "cancellation", "failed", Duration.ZERO);
		JsonNode refreshed = report(admin);
		int failed = (int) stream(refreshed).filter(d -> d.path("kind").asString().equals("refund_failed")).count();
		assertThat(failed).isPositive();

		var last = api.get(PATH).as(admin).send();
		assertThat(last.status()).as(last.toString()).isEqualTo(200);
		assertThat(last.body().path("checked_at").asString()).isEqualTo(refreshed.path("checked_at").asString());

		String metrics = api.get("/actuator/prometheus").as(admin).send().text();
		assertThat(gauge(metrics, "refund_failed")).isEqualTo(failed);
		assertThat(gauge(metrics, "provider_charge_mismatch"))
			.isEqualTo((int) stream(refreshed).filter(d -> d.path("kind").asString().equals("provider_charge_mismatch"))
				.count());
	}

	@Test
	void onlyAdminsSeeTheReconciliation() {
		TestUser guest = accounts.guest();
		TestUser host = accounts.host();

		for (var refused : List.of(api.get(PATH).as(guest).send(), api.get(PATH + "?refresh=true").as(host).send())) {
			assertThat(assertProblem(refused, 403).path("code").asString()).isEqualTo("admin_only");
		}
		assertThat(api.get(PATH).send().status()).isEqualTo(401);
	}

	/** A charge the sandbox really made (so that it can be asked about it); returns its reference. */
	private String charged(BigDecimal amount) {
		return sandbox.charge("charge-" + UUID.randomUUID(), amount, "USD", "tok_visa").reference();
	}

	private JsonNode report(TestUser as) {
		var response = api.get(PATH + "?refresh=true").as(as).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private static java.util.stream.Stream<JsonNode> stream(JsonNode report) {
		return java.util.stream.StreamSupport.stream(report.path("discrepancies").spliterator(), false);
	}

	/** The discrepancies naming {@code id} as their booking, payment or refund. */
	private static List<JsonNode> about(JsonNode report, UUID id) {
		Set<String> fields = Set.of("booking_id", "payment_id", "refund_id");
		return stream(report).filter(d -> fields.stream().anyMatch(f -> d.path(f).asString("").equals(id.toString())))
			.toList();
	}

	private static List<String> kinds(JsonNode report, UUID id) {
		return about(report, id).stream().map(d -> d.path("kind").asString()).distinct().sorted()
			.collect(Collectors.toList());
	}

	private static int gauge(String metrics, String kind) {
		Matcher value = Pattern.compile("^staybook_reconciliation_discrepancies\\{[^}]*kind=\"" + kind
				+ "\"[^}]*} ([0-9.E+]+)$", Pattern.MULTILINE).matcher(metrics);
		assertThat(value.find()).as("the gauge for %s in %n%s", kind, metrics).isTrue();
		return (int) Double.parseDouble(value.group(1));
	}
}
