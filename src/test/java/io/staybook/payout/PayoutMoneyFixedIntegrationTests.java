package io.staybook.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.booking.BookingService;
import io.staybook.payout.PayoutStays.Stay;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
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
 * A payout's money is what the sweep made it, through the provider that took the guest's money (V50): a payout names
 * its payment's provider and the sweep pays out only what its own provider took; amount + deducted never changes
 * (only a host's debt recovered moves money from one to the other), a payout's provider never changes, a paid
 * payout is final, and a host's debt is what was recorded and is recovered only by recoveries. Each rule by a direct SQL write that the database refuses, next to the sweep's own writes, which
 * still pass.
 */
@IntegrationTest
class PayoutMoneyFixedIntegrationTests {

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

	PayoutStays stays;

	@BeforeEach
	void setUp() {
		stays = new PayoutStays(api, accounts, listings, bookings, jdbc, clock);
		stays.payOutWhatOthersHaveDue(sweep);
	}

	@AfterEach
	void resetTime() {
		clock.reset();
	}

	@Test
	void aPayoutGoesThroughThePaymentsProviderAndTheSweepPaysOutOnlyWhatItsProviderTook() {
		Stay ours = stays.checkedIn();
		Stay elsewhere = stays.checkedInThrough("stripe");
		stays.travelTo(elsewhere.due().plus(Duration.ofMinutes(1)));

		sweep.sweep();

		assertThat(stays.payoutRows(ours)).as("the sandbox's own payment is paid out").isOne();
		assertThat(stays.payoutRows(elsewhere)).as("money Stripe took is not paid out by the sandbox").isZero();
		assertRefused(() -> insert(elsewhere, "sandbox"), "payouts_through_payment_provider");
		assertRefused(() -> jdbc.update("update payouts set provider = 'stripe' where booking_id = ?",
				ours.bookingId()), "payouts_fixed");
		assertThat(stays.payoutRows(elsewhere)).as("nothing written").isZero();

		insert(elsewhere, "stripe");
		assertThat(stays.payoutRows(elsewhere)).isOne();
	}

	@Test
	void aPayoutsAmountIsWhatTheSweepMadeItAndAPaidPayoutIsFinal() {
		Stay stay = stays.checkedIn();
		insert(stay, "sandbox");
		BigDecimal owed = stay.expectedPayout(BigDecimal.ZERO);

		// not yet offered to the provider (V45 fixed only offered ones)
		assertRefused(() -> jdbc.update("update payouts set amount = amount + 1 where booking_id = ?",
				stay.bookingId()), "payouts_amount_fixed");
		assertRefused(() -> jdbc.update("update payouts set amount = amount - 1 where booking_id = ?",
				stay.bookingId()), "payouts_amount_fixed");
		assertThat(amount(stay)).isEqualByComparingTo(owed);

		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		sweep.sweep();
		assertThat(jdbc.queryForObject("select status from payouts where booking_id = ?", String.class,
				stay.bookingId())).as("the sweep's claim and answer still pass").isEqualTo("paid");

		assertRefused(() -> jdbc.update("""
				update payouts set status = 'failed', failure_reason = 'x', paid_at = null where booking_id = ?""",
				stay.bookingId()), "payouts_paid_is_final");
		assertRefused(() -> jdbc.update("update payouts set status = 'pending', paid_at = null where booking_id = ?",
				stay.bookingId()), "payouts_paid_is_final");
		assertRefused(() -> jdbc.update("update payouts set provider_reference = 'po_other' where booking_id = ?",
				stay.bookingId()), "payouts_paid_is_final");
		assertThat(jdbc.queryForObject("select status from payouts where booking_id = ?", String.class,
				stay.bookingId())).isEqualTo("paid");
		assertThat(amount(stay)).isEqualByComparingTo(owed);
	}

	@Test
	void aHostsDebtIsRecoveredOnlyByRecoveries() {
		Stay stay = stays.checkedIn();
		stays.travelTo(stay.due().plus(Duration.ofMinutes(1)));
		sweep.sweep();
		stays.refundedAtTheProvider(stay, "30.00");
		UUID debt = jdbc.queryForObject("select id from payout_deductions where booking_id = ?", UUID.class,
				stay.bookingId());

		assertRefused(() -> jdbc.update("update payout_deductions set recovered = amount, recovered_at = now()"
				+ " where id = ?", debt), "payout_deductions_recovered_by_recoveries");
		assertRefused(() -> jdbc.update("update payout_deductions set amount = amount - 10 where id = ?", debt),
				"payout_deductions_fixed");
		assertThat(jdbc.queryForMap("select amount, recovered from payout_deductions where id = ?", debt))
			.containsEntry("amount", new BigDecimal("30.00"))
			.containsEntry("recovered", new BigDecimal("0.00"));
	}

	private BigDecimal amount(Stay stay) {
		return jdbc.queryForObject("select amount from payouts where booking_id = ?", BigDecimal.class,
				stay.bookingId());
	}

	/** The payout the sweep would make of the stay, pending and not offered, naming {@code provider}. */
	private void insert(Stay stay, String provider) {
		BigDecimal owed = stay.expectedPayout(BigDecimal.ZERO);
		BigDecimal hostFee = stay.total().subtract(stay.serviceFee()).subtract(owed);
		jdbc.update("""
				insert into payouts (id, booking_id, host_id, payment_id, amount, host_fee, refunded, currency, status,
				                     provider, due_at, created_at, updated_at)
				values (gen_random_uuid(), ?, ?, ?, ?, ?, 0, 'USD', 'pending', ?, now(), now(), now())""",
				stay.bookingId(), stay.host().id(), stay.paymentId(), owed, hostFee, provider);
	}

	private static void assertRefused(Runnable write, String constraint) {
		assertThatThrownBy(write::run).as(constraint)
			.isInstanceOf(DataIntegrityViolationException.class)
			.satisfies(ex -> assertThat(SqlStates.violates(ex, constraint)).as(ex.getMessage()).isTrue());
	}
}
