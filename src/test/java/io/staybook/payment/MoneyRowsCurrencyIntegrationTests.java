package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.staybook.payment.PaymentFixtures.Stay;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.MutableClock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The rows made from a payment (refunds; payouts and a host's debts have the same checks, V37) hold whole minor units
 * of their currency and are in their payment's currency, whatever writes them: before, only listings, bookings and
 * payments were held to it, and a refund of 0.50 JPY, or in dollars of a yen payment, could be written and sent to
 * the provider.
 */
@JobsTest
class MoneyRowsCurrencyIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	PaymentFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new PaymentFixtures(api, accounts, clock);
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aRefundIsWholeMinorUnitsOfItsPaymentsCurrency() {
		Stay stay = fixtures.stay("JPY", "10000", "2500");
		JsonNode paid = fixtures.paid(stay);
		UUID payment = UUID.fromString(paid.path("id").asString());
		assertThat(paid.path("amount").asString()).isEqualTo("35500.00");

		assertThatExceptionOfType(DataIntegrityViolationException.class).as("half a yen")
			.isThrownBy(() -> insertRefund(payment, "100.50", "currency"))
			.satisfies(ex -> assertThat(SqlStates.violates(ex, "refunds_amount_fits_currency")).isTrue());
		assertThatExceptionOfType(DataIntegrityViolationException.class).as("dollars of a yen payment")
			.isThrownBy(() -> insertRefund(payment, "100.50", "'USD'"))
			.satisfies(ex -> assertThat(SqlStates.violates(ex, "refunds_in_payment_currency")).isTrue());
		insertRefund(payment, "100", "currency");
	}

	private void insertRefund(UUID payment, String amount, String currency) {
		jdbc.update("""
				insert into refunds (id, payment_id, booking_id, amount, currency, reason, status, provider,
				                     idempotency_key, created_at, updated_at)
				select gen_random_uuid(), id, booking_id, cast(? as numeric), %s, 'provider', 'pending', provider,
				       'sql-' || gen_random_uuid(), now(), now()
				from payments where id = ?""".formatted(currency), amount, payment);
	}
}
