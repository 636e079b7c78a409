package io.staybook.payment.stripe;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * Amounts as Stripe's API expects them: integers in the currency's minor unit (12000 for 120.00 USD, 15000 for 15000
 * JPY) and currency codes in lower case.
 */
final class StripeAmounts {

	/**
	 * Where Stripe's minor unit differs from ISO 4217 (which {@link Currency#getDefaultFractionDigits()} follows): ISK
	 * stays a two-decimal currency in Stripe's API although it has no minor unit, and Stripe treats MGA as zero-decimal
	 * (see Stripe's "Supported currencies" page, zero-decimal currencies and special cases).
	 */
	private static final Map<String, Integer> STRIPE_FRACTION_DIGITS = Map.of("ISK", 2, "MGA", 0);

	private StripeAmounts() {
	}

	/** @throws IllegalArgumentException if {@code amount} has a fraction the currency cannot express (JPY 10.50) */
	static long toMinorUnits(BigDecimal amount, String currency) {
		int digits = fractionDigits(currency);
		try {
			return amount.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException(amount + " " + currency + " is not a whole number of minor units", ex);
		}
	}

	static BigDecimal fromMinorUnits(long minorUnits, String currency) {
		return BigDecimal.valueOf(minorUnits, fractionDigits(currency));
	}

	static String code(String currency) {
		return currency.toLowerCase(Locale.ROOT);
	}

	private static int fractionDigits(String currency) {
		String iso = currency.toUpperCase(Locale.ROOT);
		Integer stripe = STRIPE_FRACTION_DIGITS.get(iso);
		return (stripe != null) ? stripe : Math.max(Currency.getInstance(iso).getDefaultFractionDigits(), 0);
	}
}
