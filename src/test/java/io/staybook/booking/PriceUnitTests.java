package io.staybook.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.shared.money.InvalidMoney;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code total = nights × price + cleaning + service fee}, exactly; the fee is a share rounded half-up to the cent
 * (to the whole unit in currencies without a minor unit). */
class PriceUnitTests {

	private static final BigDecimal TEN_PERCENT = new BigDecimal("0.10");

	@ParameterizedTest(name = "{0} × {1} + {2} at rate {3}: fee {4}, total {5}")
	@CsvSource({
			// 99.99 × 10 % = 9.999 → 10.00
			"3, 33.33, 12.50, 0.10, 10.00, 122.49",
			// 3.345 → 3.35 half-up (half-even would give 3.34)
			"1, 33.45, 0.00, 0.10, 3.35, 36.80",
			// 0.005 → 0.01 half-up (half-even would give 0.00)
			"1, 0.05, 0.00, 0.10, 0.01, 0.06",
			"1, 0.04, 0.00, 0.10, 0.00, 0.04",
			// 0.1 is not exact in binary floating point: 7 × 0.10 + 0.20 + 0.07 must be exactly 0.97
			"7, 0.10, 0.20, 0.10, 0.07, 0.97",
			// another configured share: 20.20 × 12.5 % = 2.525 → 2.53
			"2, 10.10, 0.00, 0.125, 2.53, 22.73",
			"2, 10.10, 5.00, 0, 0.00, 25.20",
			"30, 1234.56, 99.99, 0.10, 3703.68, 40840.47",
			"365, 9999.99, 500.00, 0.10, 364999.64, 4015495.99" })
	void pricesAStayExactly(int nights, String perNight, String cleaning, String rate, String fee, String total) {
		Price price = Price.of(nights, new BigDecimal(perNight), new BigDecimal(cleaning), new BigDecimal(rate), "EUR");

		assertThat(price.serviceFee()).isEqualByComparingTo(fee);
		assertThat(price.total()).isEqualByComparingTo(total);
		assertThat(price.total())
			.isEqualByComparingTo(price.pricePerNight().multiply(BigDecimal.valueOf(nights)).add(price.cleaningFee())
				.add(price.serviceFee()));
		assertThat(price.nights()).isEqualTo(nights);
		assertThat(price.currency()).isEqualTo("EUR");
	}

	@Test
	void everyAmountHasTwoFractionDigits() {
		Price price = Price.of(2, new BigDecimal("100"), new BigDecimal("5"), TEN_PERCENT, "USD");

		assertThat(price.pricePerNight().toPlainString()).isEqualTo("100.00");
		assertThat(price.cleaningFee().toPlainString()).isEqualTo("5.00");
		assertThat(price.serviceFee().toPlainString()).isEqualTo("20.00");
		assertThat(price.total().toPlainString()).isEqualTo("225.00");
	}

	@Test
	void theNightlySubtotalIsNightsTimesPrice() {
		assertThat(Price.of(4, new BigDecimal("19.99"), BigDecimal.ZERO, TEN_PERCENT, "USD").nightlySubtotal())
			.isEqualByComparingTo("79.96");
	}

	@ParameterizedTest(name = "{0} × {1} {3} at 10 %: fee {2}")
	@CsvSource({
			// 100.5 → 101 half-up to the whole yen, never 100.50
			"1, 1005, 101, JPY", "3, 1005, 302, JPY", "1, 1004, 100, JPY", "1, 1005, 101, KRW",
			// three-digit currencies are held to the cent: 3.345 → 3.35
			"1, 33.45, 3.35, KWD", "1, 33.45, 3.35, BHD" })
	void theServiceFeeIsRoundedToTheCurrencysSmallestUnit(int nights, String perNight, String fee, String currency) {
		Price price = Price.of(nights, new BigDecimal(perNight), BigDecimal.ZERO, TEN_PERCENT, currency);

		assertThat(price.serviceFee()).isEqualByComparingTo(fee);
		assertThat(price.total()).isEqualByComparingTo(new BigDecimal(perNight).multiply(BigDecimal.valueOf(nights))
			.add(new BigDecimal(fee)));
	}

	@Test
	void aPriceTheCurrencyCannotExpressIsRefused() {
		assertThatThrownBy(() -> Price.of(1, new BigDecimal("100.50"), BigDecimal.ZERO, TEN_PERCENT, "JPY"))
			.isInstanceOf(InvalidMoney.class)
			.hasMessage("JPY has no minor unit: at most 0 decimal places");
		assertThatThrownBy(() -> Price.of(1, new BigDecimal("100"), new BigDecimal("0.5"), TEN_PERCENT, "KRW"))
			.isInstanceOf(InvalidMoney.class);
	}

	@Test
	void aTotalBeyondNumeric12Scale2IsRefused() {
		// 365 × 30 000 000 = 10 950 000 000: more than 9 999 999 999.99
		assertThatThrownBy(() -> Price.of(365, new BigDecimal("30000000"), BigDecimal.ZERO, TEN_PERCENT, "USD"))
			.isInstanceOf(InvalidMoney.class);
	}

	@Test
	void aStayHasAtLeastOneNight() {
		assertThatThrownBy(() -> Price.of(0, BigDecimal.TEN, BigDecimal.ZERO, TEN_PERCENT, "USD"))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
