package io.staybook.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.booking.BookingService;
import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.payout.PayoutStays.Stay;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A host's debt (V27) is of a refund of the booking whose payout it names, and never more than that refund (V45): a
 * debt written by SQL for another booking's refund, or above its refund, would be recovered from the host's next
 * payouts though the guest never got that money back.
 */
@IntegrationTest
class HostDebtTiesIntegrationTests {

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
	SandboxPaymentProvider sandbox;

	PayoutStays stays;

	@BeforeEach
	void setUp() {
		stays = new PayoutStays(api, accounts, listings, bookings, jdbc, clock);
		stays.payOutWhatOthersHaveDue(sweep);
	}

	@AfterEach
	void resetTime() {
		sandbox.loseNextResponses(0);
		clock.reset();
	}

	/**
	 * A payout whose provider call went unanswered was released for the next sweep to ask again under the same key;
	 * the provider may have paid it already, so its amount is what was asked and must stay so. Before, it read as never
	 * claimed, and the database let a host's debt be recovered from it: the retry then asked for less under the same
	 * key, the provider answered from the key (it had paid the whole amount), and the payout was recorded paid at the
	 * lower amount with the debt settled, the host keeping money recorded as recovered.
	 */
	@Test
	void aPayoutReleasedAfterALostAnswerKeepsTheAmountTheProviderWasAskedFor() {
		TestUser host = accounts.host();
		Stay stay = stays.checkedIn(host);
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		int before = sandbox.payoutsMade();
		sandbox.loseNextResponses(1);
		sweep.sweep();
		assertThat(sandbox.payoutsMade() - before).as("the money moved all the same").isEqualTo(1);
		UUID payout = jdbc.queryForObject("select id from payouts where booking_id = ?", UUID.class, stay.bookingId());
		BigDecimal asked = jdbc.queryForObject("select amount from payouts where id = ?", BigDecimal.class, payout);
		assertThat(jdbc.queryForObject("select status = 'pending' and claimed_at is null and attempt = 1 from payouts"
				+ " where id = ?", Boolean.class, payout)).as("released for the next sweep").isTrue();
		stays.refundedAtTheProvider(stay, "30.00");
		UUID debt = jdbc.queryForObject("select id from payout_deductions where booking_id = ?", UUID.class,
				stay.bookingId());

		assertRefused(() -> jdbc.update("""
				insert into payout_deduction_recoveries (deduction_id, payout_id, host_id, currency, amount, created_at)
				values (?, ?, ?, 'USD', 30.00, now())""", debt, payout, host.id()), "payout_recoveries_open_payout");
		assertRefused(() -> jdbc.update("update payouts set amount = amount - 1, deducted = deducted + 1 where id = ?",
				payout), "payouts_fixed_once_offered");

		sweep.sweep();
		assertThat(jdbc.queryForObject("select amount from payouts where id = ? and status = 'paid'", BigDecimal.class,
				payout)).as("paid as asked").isEqualByComparingTo(asked);
		assertThat(sandbox.payoutsMade() - before).as("once").isEqualTo(1);
		assertThat(jdbc.queryForObject("select recovered from payout_deductions where id = ?", BigDecimal.class, debt))
			.as("the debt waits for the host's next payout").isZero();
	}

	@Test
	void aHostsDebtIsOfARefundOfItsPayoutsBookingAndAtMostThatRefund() {
		TestUser host = accounts.host();
		Stay first = stays.checkedIn(host);
		Stay other = stays.checkedIn(host);
		stays.travelTo(other.due().plus(Duration.ofMinutes(1)));
		sweep.sweep();
		assertThat(stays.payoutRows(first)).isOne();
		// refunds that recorded no debt of their own (failed), one of each booking
		UUID firstRefund = failedRefund(first, "20.00");
		UUID othersRefund = failedRefund(other, "20.00");
		int debts = debtRows();

		assertRefused(() -> insertDebt(first, othersRefund, "10.00"), "payout_deductions_of_refund_booking");
		assertRefused(() -> insertDebt(first, firstRefund, "20.01"), "payout_deductions_within_refund");
		assertThat(debtRows()).as("nothing written").isEqualTo(debts);

		insertDebt(first, firstRefund, "20.00");
		assertThat(debtRows()).isEqualTo(debts + 1);
	}

	private UUID failedRefund(Stay stay, String amount) {
		UUID id = UUID.randomUUID();
		jdbc.update("""
				insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
				                     idempotency_key, failure_reason, created_at, updated_at)
				values (?, ?, ?, ?, 'USD', 'amount_mismatch', 'failed', 'sandbox', ?, 'test', now(), now())""", id,
				stay.paymentId(), stay.bookingId(), new BigDecimal(amount), "refund-" + id);
		return id;
	}

	private void insertDebt(Stay stay, UUID refund, String amount) {
		jdbc.update("""
				insert into payout_deductions (id, refund_id, payout_id, booking_id, host_id, currency, amount,
				                               created_at)
				select gen_random_uuid(), ?, o.id, o.booking_id, o.host_id, o.currency, ?, now()
				from payouts o where o.booking_id = ?""", refund, new BigDecimal(amount), stay.bookingId());
	}

	private int debtRows() {
		return jdbc.queryForObject("select count(*) from payout_deductions", Integer.class);
	}

	private static void assertRefused(Runnable write, String constraint) {
		assertThatThrownBy(write::run).as(constraint)
			.isInstanceOf(DataIntegrityViolationException.class)
			.satisfies(ex -> assertThat(SqlStates.violates(ex, constraint)).as(ex.getMessage()).isTrue());
	}
}
