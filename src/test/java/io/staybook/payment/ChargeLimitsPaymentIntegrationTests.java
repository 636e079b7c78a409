package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.payment.sandbox.SandboxPaymentProvider;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import io.staybook.test.ProblemAssertions;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A hold made before the charge limits were checked when booking ({@code ChargeLimits}: Stripe's smallest and
 * largest card payment) may have a total no card payment can take. Paying it is a 409 {@code amount_not_chargeable}
 * that names the limit, and a payment already pending for it fails ({@code amount_not_chargeable}) in its charge job,
 * both without asking the provider: before, the payment was accepted and its charge failed at the provider
 * ({@code amount_too_large}, {@code amount_too_small}).
 */
@IntegrationTest
class ChargeLimitsPaymentIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PaymentService payments;

	@Autowired
	SandboxPaymentProvider sandbox;

	PaymentFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@Test
	void payingAHoldAboveTheLargestCardPaymentIsAConflictAndChargesNothing() {
		Hold hold = heldBeforeTheLimits("500000.00", 3);
		int charges = sandbox.chargesMade();

		var response = fixtures.pay(hold.guest(), hold.bookingId(), "tok_visa", PaymentFixtures.newKey());

		JsonNode problem = ProblemAssertions.assertProblem(response, 409);
		assertThat(problem.path("code").asString()).isEqualTo("amount_not_chargeable");
		assertThat(problem.path("detail").asString()).contains("1500000.00 USD", "largest card payment");
		assertThat(PaymentFixtures.paymentRows(jdbc, hold.bookingId())).isZero();
		assertThat(sandbox.chargesMade()).isEqualTo(charges);
	}

	@Test
	void payingAHoldBelowTheSmallestCardPaymentIsAConflict() {
		Hold hold = heldBeforeTheLimits("0.10", 2);

		var response = fixtures.pay(hold.guest(), hold.bookingId(), "tok_visa", PaymentFixtures.newKey());

		JsonNode problem = ProblemAssertions.assertProblem(response, 409);
		assertThat(problem.path("code").asString()).isEqualTo("amount_not_chargeable");
		assertThat(problem.path("detail").asString()).contains("smallest card payment");
	}

	@Test
	void aPendingPaymentOfSuchAHoldFailsWithoutAskingTheProvider() {
		Hold hold = heldBeforeTheLimits("500000.00", 3);
		UUID payment = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		// accepted before this release: pending, its charge job about to run
		jdbc.update("""
				insert into payments (id, booking_id, payer_id, host_id, amount, currency, payment_method, payment_token,
				                      status, provider, created_at, updated_at)
				values (?, ?, ?, ?, 1500000.00, 'USD', 'card', 'tok_visa', 'pending', 'sandbox', ?, ?)""", payment,
				hold.bookingId(), hold.guest().id(), hold.host().id(), now, now);
		int charges = sandbox.chargesMade();

		payments.charge(payment);

		assertThat(sandbox.chargesMade()).as("the provider was not asked").isEqualTo(charges);
		JsonNode failed = fixtures.payment(hold.guest(), payment);
		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.path("failure_reason").asString()).isEqualTo("amount_not_chargeable");
		assertThat(fixtures.booking(hold.guest(), hold.bookingId()).path("status").asString())
			.as("its hold runs to its time").isEqualTo("pending_payment");
	}

	private record Hold(TestUser host, TestUser guest, UUID bookingId) {
	}

	/** A {@code pending_payment} booking of {@code nights} at {@code perNight} USD, written as an old release did. */
	private Hold heldBeforeTheLimits(String perNight, int nights) {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		UUID property = fixtures.listing(host, "flexible");
		UUID id = UUID.randomUUID();
		LocalDate checkIn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30);
		BigDecimal total = new BigDecimal(perNight).multiply(BigDecimal.valueOf(nights));
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.update("""
				insert into bookings (id, property_id, guest_id, host_id, check_in, check_out, guests, price_per_night,
				                      cleaning_fee, service_fee, total_price, currency, cancellation_policy, timezone,
				                      status, expires_at, created_at, updated_at)
				select ?, p.id, ?, p.host_id, ?, ?, 1, ?, 0, 0, ?, 'USD', p.cancellation_policy, p.timezone,
				       'pending_payment', ?, ?, ?
				from properties p where p.id = ?""", id, guest.id(), checkIn, checkIn.plusDays(nights),
				new BigDecimal(perNight), total, Timestamp.from(clock.instant().plus(Duration.ofMinutes(15))), now, now,
				property);
		return new Hold(host, guest, id);
	}
}
