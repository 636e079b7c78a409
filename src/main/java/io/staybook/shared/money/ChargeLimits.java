package io.staybook.shared.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;

/**
 * The smallest and largest amounts a card payment may take, as Stripe publishes them ("Supported currencies",
 * "Minimum and maximum charge amounts", docs.stripe.com/currencies#minimum-and-maximum-charge-amounts): a stay whose
 * total is outside them could be booked but never paid, and the charge would fail at the provider
 * ({@code amount_too_small}, {@code amount_too_large}) after the guest had held the dates.
 * <ul>
 * <li>Minimum: Stripe's table by currency (USD 0.50, EUR 0.50, GBP 0.30, JPY 50...). Stripe applies it in the
 * platform's settlement currency, converting other charges first; without exchange rates, a currency not in the table
 * is held only to at least one minor unit here, and the provider remains the judge.</li>
 * <li>Maximum: Stripe's amount field takes at most eight digits, 99,999,999 in its minor units (999,999.99 USD,
 * 99,999,999 JPY), and twelve for IDR (9,999,999,999.99 IDR: eight would stop at about 60 USD worth); ISK, a
 * zero-decimal currency in ISO 4217, counts in hundredths at Stripe, so its maximum is 999,999 ISK.</li>
 * </ul>
 */
public final class ChargeLimits {

	/** Stripe's largest {@code amount}, in its minor units: eight digits. */
	static final long MAX_MINOR_UNITS = 99_999_999L;

	/** The currencies whose largest {@code amount} has more digits than {@link #MAX_MINOR_UNITS}. */
	private static final Map<String, Long> MAX_MINOR_UNITS_OF = Map.of("IDR", 999_999_999_999L);

	private static final Map<String, BigDecimal> MINIMUM = Map.ofEntries(Map.entry("USD", new BigDecimal("0.50")),
			Map.entry("AED", new BigDecimal("2.00")), Map.entry("AUD", new BigDecimal("0.50")),
			Map.entry("BGN", new BigDecimal("1.00")), Map.entry("BRL", new BigDecimal("0.50")),
			Map.entry("CAD", new BigDecimal("0.50")), Map.entry("CHF", new BigDecimal("0.50")),
			Map.entry("CZK", new BigDecimal("15.00")), Map.entry("DKK", new BigDecimal("2.50")),
			Map.entry("EUR", new BigDecimal("0.50")), Map.entry("GBP", new BigDecimal("0.30")),
			Map.entry("HKD", new BigDecimal("4.00")), Map.entry("HUF", new BigDecimal("175.00")),
			Map.entry("INR", new BigDecimal("0.50")), Map.entry("JPY", new BigDecimal("50")),
			Map.entry("MXN", new BigDecimal("10")), Map.entry("MYR", new BigDecimal("2")),
			Map.entry("NOK", new BigDecimal("3.00")), Map.entry("NZD", new BigDecimal("0.50")),
			Map.entry("PLN", new BigDecimal("2.00")), Map.entry("RON", new BigDecimal("2.00")),
			Map.entry("SEK", new BigDecimal("3.00")), Map.entry("SGD", new BigDecimal("0.50")),
			Map.entry("THB", new BigDecimal("10")));

	/** Stripe counts these zero-decimal ISO 4217 currencies in hundredths ("Supported currencies", special cases). */
	private static final Map<String, Integer> STRIPE_EXTRA_DIGITS = Map.of("ISK", 2);

	private ChargeLimits() {
	}

	/** The smallest card payment in {@code currency}: Stripe's minimum, else one minor unit. */
	public static Money minimum(String currency) {
		BigDecimal listed = MINIMUM.get(currency);
		return new Money(listed != null ? listed : BigDecimal.ONE.movePointLeft(Money.digits(currency)), currency);
	}

	/** The largest card payment in {@code currency}: 99,999,999 of Stripe's minor units (IDR: 999,999,999,999). */
	public static Money maximum(String currency) {
		int digits = Money.minorDigits(currency) + STRIPE_EXTRA_DIGITS.getOrDefault(currency, 0);
		// three-digit currencies (KWD) are stored to the hundredth, as Stripe takes them (the last digit 0)
		long units = MAX_MINOR_UNITS_OF.getOrDefault(currency, MAX_MINOR_UNITS);
		BigDecimal largest = BigDecimal.valueOf(units, digits).setScale(Money.digits(currency), RoundingMode.DOWN);
		return new Money(largest.min(Money.MAX), currency);
	}

	/**
	 * Why {@code amount} cannot be charged by card (a sentence naming the limit), or empty when it can.
	 * @throws InvalidMoney for a currency that is not one of payment
	 */
	public static Optional<String> refusal(Money amount) {
		Money minimum = minimum(amount.currency());
		if (amount.amount().compareTo(minimum.amount()) < 0) {
			return Optional.of("the total, " + amount + ", is below the smallest card payment in " + amount.currency()
					+ ", " + minimum);
		}
		Money maximum = maximum(amount.currency());
		if (amount.amount().compareTo(maximum.amount()) > 0) {
			return Optional.of("the total, " + amount + ", is above the largest card payment in " + amount.currency()
					+ ", " + maximum);
		}
		return Optional.empty();
	}
}
