package io.staybook.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.staybook.shared.money.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class StripeAmountsUnitTests {

	@Test
	void twoDecimalCurrenciesAreSentInCents() {
		assertThat(StripeAmounts.toMinorUnits(new BigDecimal("120.00"), "USD")).isEqualTo(12000);
		assertThat(StripeAmounts.toMinorUnits(new BigDecimal("0.5"), "eur")).isEqualTo(50);
	}

	@Test
	void zeroDecimalCurrenciesAreSentAsTheyAre() {
		assertThat(StripeAmounts.toMinorUnits(new BigDecimal("15000.00"), "JPY")).isEqualTo(15000);
		assertThat(StripeAmounts.toMinorUnits(new BigDecimal("50000"), "KRW")).isEqualTo(50000);
	}

	@Test
	void threeDecimalCurrenciesAreSentInThousandths() {
		assertThat(StripeAmounts.toMinorUnits(new BigDecimal("12.35"), "KWD")).isEqualTo(12350);
	}

	@Test
	void stripesOwnExceptionsToIso4217Win() {
		// ISK has no minor unit in ISO 4217 but stays two-decimal in Stripe's API; MGA is the other way round
		assertThat(StripeAmounts.toMinorUnits(new BigDecimal("5000"), "ISK")).isEqualTo(500000);
		assertThat(StripeAmounts.toMinorUnits(new BigDecimal("1000.00"), "MGA")).isEqualTo(1000);
	}

	@Test
	void aFractionTheCurrencyCannotHoldIsRefusedRatherThanRounded() {
		assertThatIllegalArgumentException().isThrownBy(() -> StripeAmounts.toMinorUnits(new BigDecimal("10.50"), "JPY"));
	}

	@Test
	void theCurrencysDigitsAreMoneysSoAListingsPriceCanAlwaysBeCharged() {
		// a listing accepts what Money accepts: 100 JPY yes, 100.50 JPY no; Stripe agrees on both
		assertThat(StripeAmounts.toMinorUnits(Money.of("100", "JPY").amount(), "JPY")).isEqualTo(100);
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("100.50", "JPY"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StripeAmounts.toMinorUnits(new BigDecimal("100.50"), "JPY"));
		// MGA: two decimals in ISO 4217, none in Stripe, so none in Money either
		assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1000.50", "MGA"));
	}

	@Test
	void pseudoCurrenciesAreNotCharged() {
		assertThatIllegalArgumentException().isThrownBy(() -> StripeAmounts.toMinorUnits(BigDecimal.TEN, "XXX"));
	}

	@Test
	void minorUnitsReadBackInTheCurrencysMajorUnit() {
		assertThat(StripeAmounts.fromMinorUnits(12000, "USD")).isEqualByComparingTo("120.00");
		assertThat(StripeAmounts.fromMinorUnits(15000, "JPY")).isEqualByComparingTo("15000");
	}

	@Test
	void currencyCodesAreLowerCase() {
		assertThat(StripeAmounts.code("USD")).isEqualTo("usd");
	}
}
