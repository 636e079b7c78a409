package io.staybook.payment;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A payment's and a refund's money cannot drift once written (V50), whoever writes: a cancellation refund that comes
 * to count again is held to its booking's grant, a stay and a payment cost more than nothing (old zero-priced holds
 * keep their way out), a payment's amount, currency, booking and provider never change, money the provider took
 * stays taken, and what a payment reads as refunded is what its succeeded refunds gave back. Each rule by a direct SQL write that the database refuses and that changes nothing, next to the writes
 * the service makes, which still pass.
 */
@JobsTest
class MoneyRowsFixedIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	PaymentFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void reset() {
		clock.reset();
	}

	@Test
	void aFailedCancellationRefundRevivedOrEnlargedIsHeldToTheGrant() {
		Stay stay = fixtures.stay("strict", 11, 3);
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());
		clock.advance(Duration.ofHours(25));
		var cancelled = fixtures.cancel(stay.guest(), stay.bookingId());
		assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
		BigDecimal granted = new BigDecimal(cancelled.body().path("refund_amount").asString());
		fixtures.awaitPayment(stay.guest(), payment, "partially_refunded");
		// an operator grants as much again; a second cancellation refund of it fails at the provider; the grant goes
		// back to what the policy said: the failed refund no longer counts, and it may not come to count again
		jdbc.update("update bookings set refund_amount = ? where id = ?", granted.add(granted), stay.bookingId());
		UUID second = PaymentFixtures.insertPendingRefund(jdbc, payment, granted, "cancellation");
		jdbc.update("update refunds set status = 'failed', failure_reason = 'gave_up: test' where id = ?", second);
		jdbc.update("update bookings set refund_amount = ? where id = ?", granted, stay.bookingId());

		assertRefused(() -> jdbc.update("update refunds set status = 'pending', failure_reason = null where id = ?",
				second), "refunds_within_refund_amount");
		UUID first = jdbc.queryForObject("select id from refunds where payment_id = ? and status = 'succeeded'",
				UUID.class, payment);
		assertRefused(() -> jdbc.update("update refunds set amount = amount + 0.01 where id = ?", first),
				"refunds_within_refund_amount");
		assertThat(jdbc.queryForObject("select status from refunds where id = ?", String.class, second))
			.isEqualTo("failed");
		assertThat(jdbc.queryForObject("select amount from refunds where id = ?", BigDecimal.class, first))
			.isEqualByComparingTo(granted);
	}

	@Test
	void aStayOfNothingIsRefusedAsA400AndTheDatabaseRefusesIt() {
		TestUser host = accounts.host();
		UUID free = fixtures.listing(host, "flexible", Map.of("price_per_night", "0.00", "cleaning_fee", "0.00"));
		LocalDate checkIn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30);
		TestUser guest = accounts.guest();

		var booked = api.post("/api/v1/bookings", Map.of("property_id", free.toString(), "check_in",
				checkIn.toString(), "check_out", checkIn.plusDays(2).toString(), "guests", 1))
			.as(guest)
			.send();
		JsonNode problem = assertProblem(booked, 400);
		assertThat(problem.toString()).contains("check_out", "smallest card payment");

		assertRefused(() -> insertHold(free, guest, checkIn), "bookings_total_price_positive");
		assertThat(jdbc.queryForObject("select count(*) from bookings where property_id = ?", Integer.class, free))
			.as("nothing written").isZero();
	}

	@Test
	void anOldZeroPricedHoldKeepsItsWayOutButIsNeverCharged() {
		TestUser host = accounts.host();
		UUID free = fixtures.listing(host, "flexible", Map.of("price_per_night", "0.00", "cleaning_fee", "0.00"));
		TestUser guest = accounts.guest();
		// as an older release held it, before the rule
		UUID hold = transactions.execute(status -> {
			jdbc.execute("set local session_replication_role = replica");
			return insertHold(free, guest, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30));
		});

		var paying = fixtures.pay(guest, hold, "tok_visa", PaymentFixtures.newKey());
		assertThat(assertProblem(paying, 409).path("code").asString()).isEqualTo("amount_not_chargeable");
		assertRefused(() -> jdbc.update("""
				insert into payments (id, booking_id, payer_id, host_id, amount, currency, payment_method, payment_token,
				                      status, provider, created_at, updated_at)
				values (gen_random_uuid(), ?, ?, ?, 0.00, 'USD', 'card', 'tok_visa', 'pending', 'sandbox', now(), now())""",
				hold, guest.id(), host.id()), "payments_amount_positive");
		assertThat(PaymentFixtures.paymentRows(jdbc, hold)).as("nothing written").isZero();

		assertThat(jdbc.update("update bookings set status = 'expired' where id = ?", hold))
			.as("its hold still expires").isOne();
	}

	@Test
	void aPaymentsMoneyNeverChangesAndWhatTheProviderTookStaysTaken() {
		Stay stay = fixtures.stay();
		UUID payment = UUID.fromString(fixtures.paid(stay).path("id").asString());

		assertRefused(() -> jdbc.update("update payments set status = 'failed', failure_reason = 'x' where id = ?",
				payment), "payments_taken_is_final");
		assertRefused(() -> jdbc.update("update payments set status = 'pending' where id = ?", payment),
				"payments_taken_is_final");
		assertRefused(() -> jdbc.update("update payments set provider_reference = 'ch_other' where id = ?", payment),
				"payments_taken_is_final");
		assertRefused(() -> jdbc.update("update payments set provider = 'stripe' where id = ?", payment),
				"payments_fixed");
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("completed");

		// its refunds say what was refunded: none succeeded
		assertRefused(() -> jdbc.update("update payments set refunded_amount = 10.00 where id = ?", payment),
				"payments_refunded_by_refunds");
		assertRefused(() -> jdbc.update("update payments set status = 'refunded' where id = ?", payment),
				"payments_refunded_by_refunds");
		assertThat(fixtures.payment(stay.guest(), payment).path("status").asString()).isEqualTo("completed");

		// a surplus charge is not held to its booking's total: its amount is held by V50 alone
		UUID surplus = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.update("""
				insert into payments (id, booking_id, payer_id, host_id, amount, currency, payment_method, status,
				                      provider, provider_reference, surplus, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, 'card', 'completed', 'sandbox', ?, true, ?, ?)""", surplus,
				stay.bookingId(), stay.guest().id(), stay.host().id(), stay.total(), stay.currency(),
				"ch_surplus_" + surplus, now, now);
		assertRefused(() -> jdbc.update("update payments set amount = amount + 100 where id = ?", surplus),
				"payments_fixed");
		assertRefused(() -> jdbc.update("update payments set surplus = false where id = ?", surplus),
				"payments_taken_is_final");

		// what the service does still passes: a refund moves a taken payment among the taken statuses
		PaymentFixtures.insertPendingRefund(jdbc, surplus, new BigDecimal("10.00"), "late_charge");
		jdbc.update("update refunds set status = 'succeeded', provider_reference = 're_' || id where payment_id = ?",
				surplus);
		assertThat(jdbc.queryForObject("select refunded_amount || ' ' || status from payments where id = ?",
				String.class, surplus)).isEqualTo("10.00 partially_refunded");
	}

	/** A {@code pending_payment} hold of two nights at the listing's prices, written as an old release did. */
	private UUID insertHold(UUID listing, TestUser guest, LocalDate checkIn) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.update("""
				insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night,
				                      cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone,
				                      nightly_subtotal, discount, extra_guest_fees, first_night_price, status,
				                      expires_at, created_at, updated_at)
				select ?, p.id, ?, p.host_id, ?, ?, 1, p.price_per_night, p.cleaning_fee, 0,
				       2 * p.price_per_night + p.cleaning_fee, p.currency, p.cancellation_policy, p.timezone,
				       2 * p.price_per_night, 0, 0, p.price_per_night, 'pending_payment', ?, ?, ?
				from properties p where p.id = ?""", id, guest.id(), checkIn, checkIn.plusDays(2),
				Timestamp.from(clock.instant().plus(Duration.ofMinutes(15))), now, now, listing);
		return id;
	}

	private static void assertRefused(Runnable write, String constraint) {
		assertThatThrownBy(write::run).as(constraint)
			.isInstanceOf(DataIntegrityViolationException.class)
			.satisfies(ex -> assertThat(SqlStates.violates(ex, constraint)).as(ex.getMessage()).isTrue());
	}
}
