package io.staybook.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.reconciliation.MoneyRecords.Booked;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * R8's {@code payout_missing}: a stay whose payout fell due by the payout sweep's own rule longer than the grace ago
 * and has no payout is reported, naming the provider that took its payment when it is not this deployment's (the
 * sandbox here), which no sweep of this deployment pays out (V50). A stay paid out, one not yet due, one whose money
 * all went back and one cancelled with a full refund have nothing missing. The clock is moved to just past each
 * stay's due time (24 hours after 15:00 on its check-in date, where the listing is) plus the grace (1 hour).
 */
@IntegrationTest
class PayoutMissingIntegrationTests {

	static final Duration GRACE = Duration.ofHours(1);

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

	MoneyRecords records;

	@BeforeEach
	void setUp() {
		records = new MoneyRecords(jdbc, accounts, listings, clock);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aCompletedStayChargedThroughAnotherProviderIsReportedOnceDuePastTheGrace() {
		Booked elsewhere = records.booking("completed", null);
		UUID payment = records.payment(elsewhere, "completed", "pi_" + UUID.randomUUID(), Duration.ZERO, "stripe");
		Instant due = due(elsewhere);

		clock.fixAt(due.plus(GRACE).minus(Duration.ofMinutes(1)));
		assertThat(missing(report(), elsewhere)).as("within the grace: the sweep may still make it").isEmpty();
		clock.fixAt(due.minus(Duration.ofMinutes(1)));
		assertThat(missing(report(), elsewhere)).as("not yet due").isEmpty();

		clock.fixAt(due.plus(GRACE).plus(Duration.ofMinutes(1)));
		assertThat(missing(report(), elsewhere)).singleElement().satisfies(d -> {
			assertThat(d.path("payment_id").asString()).isEqualTo(payment.toString());
			assertThat(d.path("refund_id").isNull()).isTrue();
			// 300.00 less the host fee, 3 % of the nights' 300.00 (no cleaning or service fee here)
			assertThat(d.path("expected").asString()).isEqualTo("291.00 USD");
			assertThat(d.path("actual").isNull()).isTrue();
			assertThat(d.path("detail").asString()).contains("completed", due.toString(), "taken through stripe",
					"not sandbox");
		});
	}

	@Test
	void aStayOfThisProviderThatNoSweepPaidOutIsReportedAndOnePaidOutIsNot() {
		Booked unpaid = records.booking("checked_in", null);
		records.paid(unpaid, "ch_" + UUID.randomUUID());
		Booked paidOut = records.booking("completed", null);
		UUID payment = records.paid(paidOut, "ch_" + UUID.randomUUID());
		jdbc.update("""
				insert into payouts (id, booking_id, host_id, payment_id, amount, host_fee, refunded, currency, status,
				                     provider, provider_reference, due_at, created_at, updated_at, paid_at)
				values (gen_random_uuid(), ?, ?, ?, 291.00, 9.00, 0, 'USD', 'paid', 'sandbox', ?, now(), now(), now(),
				        now())""", paidOut.bookingId(), paidOut.hostId(), payment, "tr_" + UUID.randomUUID());
		// cancelled late, 100.00 of 300.00 given back: the host keeps the rest, and is owed a payout of it
		Booked lateCancelled = records.booking("cancelled", new BigDecimal("100.00"));
		UUID kept = records.paid(lateCancelled, "ch_" + UUID.randomUUID());
		records.refund(kept, new BigDecimal("100.00"), "cancellation", "succeeded", Duration.ZERO);

		clock.fixAt(due(unpaid).plus(GRACE).plus(Duration.ofMinutes(1)));
		JsonNode report = report();

		assertThat(missing(report, unpaid)).singleElement().satisfies(d -> {
			assertThat(d.path("expected").asString()).isEqualTo("291.00 USD");
			assertThat(d.path("detail").asString()).contains("checked_in", "the payout sweep has not made it");
		});
		assertThat(missing(report, lateCancelled)).singleElement().satisfies(d -> {
			// 200.00 kept, less 3 % of it
			assertThat(d.path("expected").asString()).isEqualTo("194.00 USD");
			assertThat(d.path("detail").asString()).contains("cancelled");
		});
		assertThat(about(report, paidOut)).as("paid out, and balanced (R8)").isEmpty();
	}

	@Test
	void aStayNotYetOverOneFullyRefundedAndOneCancelledWithAFullRefundOweTheHostNothing() {
		// confirmed and never checked in: due only once its check-out date has passed
		Booked upcoming = records.booking("confirmed", null);
		records.paid(upcoming, "ch_" + UUID.randomUUID());
		Booked refunded = records.booking("completed", null);
		UUID all = records.paid(refunded, "ch_" + UUID.randomUUID());
		records.refund(all, MoneyRecords.TOTAL, "provider", "succeeded", Duration.ZERO);
		Booked cancelled = records.booking("cancelled", MoneyRecords.TOTAL);
		UUID back = records.paid(cancelled, "ch_" + UUID.randomUUID());
		records.refund(back, MoneyRecords.TOTAL, "cancellation", "succeeded", Duration.ZERO);
		Booked cancelledUnpaid = records.booking("cancelled", null);

		clock.fixAt(due(upcoming).plus(GRACE).plus(Duration.ofMinutes(1)));
		JsonNode report = report();

		for (Booked booked : List.of(upcoming, refunded, cancelled, cancelledUnpaid)) {
			assertThat(missing(report, booked)).as("nothing due for %s", booked.bookingId()).isEmpty();
		}
		assertThat(jdbc.queryForObject("select status from payments where id = ?", String.class, all))
			.isEqualTo("refunded");

		// once its check-out date has passed where the listing is, the confirmed stay reads completed: due (and the
		// grace passed since)
		clock.fixAt(checkOut(upcoming).plus(Duration.ofDays(1)).minus(Duration.ofMinutes(1)));
		assertThat(missing(report(), upcoming)).as("its check-out day").isEmpty();
		clock.fixAt(checkOut(upcoming).plus(Duration.ofDays(1)).plus(GRACE).plus(Duration.ofMinutes(1)));
		assertThat(missing(report(), upcoming)).singleElement()
			.satisfies(d -> assertThat(d.path("detail").asString()).contains("confirmed"));
	}

	/** When the booking's payout falls due, as the sweep computes it: 24 hours after 15:00 on its check-in date. */
	private Instant due(Booked booked) {
		return jdbc.queryForObject("""
				select (check_in + time '15:00') at time zone timezone + interval '24 hours'
				from bookings where id = ?""",
				Timestamp.class, booked.bookingId()).toInstant();
	}

	/** The start of the booking's check-out date where the listing is. */
	private Instant checkOut(Booked booked) {
		return jdbc.queryForObject("select check_out::timestamp at time zone timezone from bookings where id = ?",
				Timestamp.class, booked.bookingId()).toInstant();
	}

	private JsonNode report() {
		var response = api.get(ReconciliationIntegrationTests.PATH + "?refresh=true").as(accounts.admin()).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	private static List<JsonNode> about(JsonNode report, Booked booked) {
		Set<String> ids = Set.of(booked.bookingId().toString());
		return StreamSupport.stream(report.path("discrepancies").spliterator(), false)
			.filter(d -> ids.contains(d.path("booking_id").asString("")))
			.toList();
	}

	private static List<JsonNode> missing(JsonNode report, Booked booked) {
		return about(report, booked).stream().filter(d -> d.path("kind").asString().equals("payout_missing")).toList();
	}
}
