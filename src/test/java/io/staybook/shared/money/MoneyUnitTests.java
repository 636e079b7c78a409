package io.staybook.shared.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Currency precision after ISO 4217 (and Stripe for MGA), the bound of {@code numeric(12, 2)}, and rounding. */
class MoneyUnitTests {

	@ParameterizedTest(name = "{0} has {1} decimal places here")
	@CsvSource({ "EUR, 2", "USD, 2", "JPY, 0", "KRW, 0", "ISK, 0", "CLP, 0", "XOF, 0", "MGA, 0", "KWD, 2", "BHD, 2",
			"TND, 2", "CLF, 2" })
	void digitsFollowTheCurrencyCappedAtTheStoredScale(String currency, int digits) {
		assertThat(Money.digits(currency)).isEqualTo(digits);
	}

	@Test
	void minorDigitsAreIso4217s() {
		assertThat(Money.minorDigits("KWD")).isEqualTo(3);
		assertThat(Money.minorDigits("BHD")).isEqualTo(3);
		assertThat(Money.minorDigits("JPY")).isZero();
		assertThat(Money.minorDigits("EUR")).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "100", "100.0", "100.00", "0", "0.00" })
	void wholeYenAreAccepted(String amount) {
		assertThat(Money.of(amount, "JPY").amount()).isEqualByComparingTo(amount);
	}

	@ParameterizedTest
	@ValueSource(strings = { "100.50", "100.5", "0.01", "9999999999.99" })
	void aFractionOfAYenIsRefused(String amount) {
		assertThatThrownBy(() -> Money.of(amount, "JPY")).isInstanceOf(InvalidMoney.class)
			.hasMessage("JPY has no minor unit: at most 0 decimal places");
	}

	@Test
	void twoDecimalCurrenciesTakeCentsButNotLess() {
		assertThat(Money.of("100.50", "EUR").amount()).isEqualByComparingTo("100.50");
		assertThatThrownBy(() -> Money.of("100.505", "EUR")).isInstanceOf(InvalidMoney.class)
			.hasMessage("EUR allows at most 2 decimal places");
	}

	@Test
	void threeDecimalCurrenciesAreHeldToTwo() {
		// our columns are numeric(12, 2); fils and baisa below the hundredth are refused, not rounded
		assertThat(Money.of("12.35", "BHD").amount()).isEqualByComparingTo("12.35");
		assertThat(Money.of("12.35", "KWD").minorUnits()).isEqualTo(12350);
		assertThatThrownBy(() -> Money.of("12.345", "BHD")).isInstanceOf(InvalidMoney.class)
			.hasMessage("BHD amounts are stored with at most 2 decimal places");
	}

	@ParameterizedTest
	@ValueSource(strings = { "XXX", "XTS", "XAU", "XDR" })
	void codesWithoutAMinorUnitAreNoCurrencyOfPayment(String code) {
		assertThatThrownBy(() -> Money.of("10", code)).isInstanceOf(InvalidMoney.class)
			.hasMessage(code + " is not a currency of payment");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ABC", "EUROS", "eur", "" })
	void unknownCodesAreRefused(String code) {
		assertThatThrownBy(() -> Money.of("10", code)).isInstanceOf(InvalidMoney.class)
			.hasMessage(code + " is not an ISO 4217 currency code");
	}

	@Test
	void amountsBeyondNumeric12Scale2AreRefused() {
		assertThat(Money.of("9999999999.99", "EUR").amount()).isEqualByComparingTo(Money.MAX);
		assertThatThrownBy(() -> Money.of("10000000000.00", "EUR")).isInstanceOf(InvalidMoney.class)
			.hasMessage("must be at most 9999999999.99 EUR");
		assertThatThrownBy(() -> Money.of("5000000000", "EUR").plus(Money.of("5000000000", "EUR")))
			.isInstanceOf(InvalidMoney.class);
		assertThatThrownBy(() -> Money.of("30000000", "JPY").times(365)).isInstanceOf(InvalidMoney.class);
	}

	@Test
	void amountsAreHeldAtTheStoredScaleSoThatAReadBackAmountIsEqual() {
		assertThat(Money.of("15000", "JPY")).isEqualTo(Money.of("15000.00", "JPY"));
		assertThat(Money.of("15000", "JPY").amount().toPlainString()).isEqualTo("15000.00");
		assertThat(Money.of("15000", "JPY")).hasToString("15000 JPY");
		assertThat(Money.of("0.5", "EUR")).hasToString("0.50 EUR");
	}

	@Test
	void sumsAndMultiplesStayInOneCurrency() {
		assertThat(Money.of("33.33", "EUR").times(3).plus(Money.of("12.50", "EUR"))).isEqualTo(Money.of("112.49", "EUR"));
		assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD"))).isInstanceOf(InvalidMoney.class);
	}

	@ParameterizedTest(name = "{2} of {0} {1} is {3}")
	@CsvSource({
			// half-up to the currency's smallest unit: 100.5 yen → 101, never 100.50
			"1005, JPY, 0.10, 101", "1004, JPY, 0.10, 100", "1015, JPY, 0.10, 102", "1005, KRW, 0.10, 101",
			// to the cent: 3.345 → 3.35, 0.005 → 0.01 (half-even would give 3.34 and 0.00, as Price always rounded)
			"33.45, EUR, 0.10, 3.35", "0.05, EUR, 0.10, 0.01", "20.20, EUR, 0.125, 2.53", "33.45, KWD, 0.10, 3.35" })
	void aShareIsRoundedHalfUpToTheCurrencysDigits(String amount, String currency, String rate, String share) {
		Money result = Money.of(amount, currency).share(new BigDecimal(rate));

		assertThat(result).isEqualTo(Money.of(share, currency));
	}

	@Test
	void minorUnitsAreWhatCardNetworksCount() {
		assertThat(Money.of("120.00", "USD").minorUnits()).isEqualTo(12000);
		assertThat(Money.of("15000", "JPY").minorUnits()).isEqualTo(15000);
		assertThat(Money.of("9999999999.99", "EUR").minorUnits()).isEqualTo(999999999999L);
		assertThat(Money.of("1000", "MGA").minorUnits()).isEqualTo(1000);
	}

	@Test
	void anAmountTheCurrencyCannotExpressIsTheClientsErrorOnTheNamedField() {
		assertThat(InvalidMoney.onField("amount", () -> Money.of("12.50", "EUR"))).isEqualTo(Money.of("12.5", "EUR"));
		assertThatThrownBy(() -> InvalidMoney.onField("price_per_night", () -> Money.of("100.50", "JPY")))
			.isInstanceOfSatisfying(io.staybook.shared.DomainException.class, ex -> {
				assertThat(ex.code()).isEqualTo("validation_failed");
				assertThat(ex.fieldErrors()).singleElement().satisfies(error -> {
					assertThat(error.field()).isEqualTo("price_per_night");
					assertThat(error.message()).contains("JPY");
				});
			});
	}
}
