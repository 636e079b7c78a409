package io.staybook.shared.money;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stripe's minimum and maximum charge amounts, in each kind of currency (docs.stripe.com/currencies). */
class ChargeLimitsUnitTests {

	@Test
	void minimumsAreStripesTableAndOneMinorUnitElsewhere() {
		assertThat(ChargeLimits.minimum("USD")).isEqualTo(Money.of("0.50", "USD"));
		assertThat(ChargeLimits.minimum("GBP")).isEqualTo(Money.of("0.30", "GBP"));
		assertThat(ChargeLimits.minimum("JPY")).isEqualTo(Money.of("50", "JPY"));
		assertThat(ChargeLimits.minimum("KRW")).isEqualTo(Money.of("1", "KRW"));
		assertThat(ChargeLimits.minimum("COP")).isEqualTo(Money.of("0.01", "COP"));
	}

	@Test
	void theMaximumIsEightDigitsOfStripesMinorUnits() {
		assertThat(ChargeLimits.maximum("USD")).isEqualTo(Money.of("999999.99", "USD"));
		assertThat(ChargeLimits.maximum("JPY")).isEqualTo(Money.of("99999999", "JPY"));
		assertThat(ChargeLimits.maximum("KRW")).isEqualTo(Money.of("99999999", "KRW"));
		// twelve digits for IDR: a stay of 1,000,000 IDR (about 60 USD) is a charge Stripe takes
		assertThat(ChargeLimits.maximum("IDR")).isEqualTo(Money.of("9999999999.99", "IDR"));
		assertThat(ChargeLimits.refusal(Money.of("8022412.10", "IDR"))).isEmpty();
		// Stripe counts ISK in hundredths, and three-digit currencies to the thousandth (stored to the hundredth)
		assertThat(ChargeLimits.maximum("ISK")).isEqualTo(Money.of("999999", "ISK"));
		assertThat(ChargeLimits.maximum("KWD")).isEqualTo(Money.of("99999.99", "KWD"));
	}

	@Test
	void aRefusalNamesTheLimitAndTheLimitsThemselvesPass() {
		assertThat(ChargeLimits.refusal(Money.of("0.49", "EUR"))).hasValueSatisfying(
				reason -> assertThat(reason).contains("0.49 EUR").contains("smallest").contains("0.50 EUR"));
		assertThat(ChargeLimits.refusal(Money.of("100000000", "JPY"))).hasValueSatisfying(
				reason -> assertThat(reason).contains("largest").contains("99999999 JPY"));
		assertThat(ChargeLimits.refusal(Money.of("0.50", "EUR"))).isEmpty();
		assertThat(ChargeLimits.refusal(Money.of("99999999", "JPY"))).isEmpty();
		assertThat(ChargeLimits.refusal(Money.of("0", "COP"))).isPresent();
	}
}
