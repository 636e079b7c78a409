package io.staybook.payment.stripe;

import io.staybook.shared.money.Money;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Amounts as Stripe's API expects them: integers in the currency's minor unit (12000 for 120.00 USD, 15000 for 15000
 * JPY) and currency codes in lower case. The minor unit is {@link Money#minorDigits(String)}, the same that listings
 * are validated against, so that an amount a listing accepts can always be charged.
 */
final class StripeAmounts {

	/**
	 * ISK has no minor unit in ISO 4217 (nor in {@link Money}) but stays a two-decimal currency in Stripe's API, which
	 * takes 5000 ISK as 500000 (Stripe's "Supported currencies" page, special cases).
	 */
	private static final String TWO_DECIMAL_IN_STRIPE = "ISK";

	private StripeAmounts() {
	}

	/**
	 * @throws IllegalArgumentException if {@code amount} has a fraction the currency cannot express (JPY 10.50), or
	 * the currency is not one of payment
	 */
	static long toMinorUnits(BigDecimal amount, String currency) {
		String iso = iso(currency);
		long minorUnits = new Money(amount, iso).minorUnits();
		return iso.equals(TWO_DECIMAL_IN_STRIPE) ? Math.multiplyExact(minorUnits, 100) : minorUnits;
	}

	static BigDecimal fromMinorUnits(long minorUnits, String currency) {
		return BigDecimal.valueOf(minorUnits, fractionDigits(currency));
	}

	static String code(String currency) {
		return currency.toLowerCase(Locale.ROOT);
	}

	private static int fractionDigits(String currency) {
		return iso(currency).equals(TWO_DECIMAL_IN_STRIPE) ? 2 : Money.minorDigits(iso(currency));
	}

	private static String iso(String currency) {
		return currency.toUpperCase(Locale.ROOT);
	}
}
