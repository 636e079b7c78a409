package io.staybook.shared.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;

/**
 * An amount in one ISO 4217 currency, as Staybook stores and charges it: at most as many decimal places as the currency
 * has minor digits, and never more than two, the scale of our {@code numeric(12, 2)} columns, whose largest value
 * {@link #MAX} bounds every amount. The amount is held at scale 2 (JPY 15000 is {@code 15000.00}) so that a Money built
 * from input equals one read back from the database.
 * <p>
 * Minor digits come from {@link Currency#getDefaultFractionDigits()} (ISO 4217: JPY, KRW, ISK... 0; EUR, USD 2; BHD,
 * KWD, JOD, OMR, TND... 3), with one exception where the card networks settle coarser than ISO 4217 says: MGA, which
 * Stripe charges as a zero-decimal currency ("Supported currencies", zero-decimal list). Three-digit currencies are
 * accepted with at most two decimal places: every such amount is exact in the currency, and Stripe requires their
 * amounts to end in 0 in minor units anyway. Codes without a minor unit, such as XXX (no currency), XTS (testing) or
 * XAU (gold), for which {@code getDefaultFractionDigits()} is -1, are refused, as are unknown codes.
 *
 * @param amount non-negative or negative, at most {@link #MAX} in magnitude
 * @param currency an upper-case ISO 4217 code
 * @throws InvalidMoney if the currency is unknown or not a means of payment, the amount has more decimal places than
 * {@link #digits(String)} allows, or its magnitude exceeds {@link #MAX}
 */
public record Money(BigDecimal amount, String currency) {

	/** The largest amount our {@code numeric(12, 2)} columns hold. */
	public static final BigDecimal MAX = new BigDecimal("9999999999.99");

	/** The scale of every stored amount. */
	public static final int STORED_SCALE = 2;

	/** Where payment networks settle coarser than ISO 4217's minor unit (see the class comment). */
	private static final Map<String, Integer> SETTLEMENT_DIGITS = Map.of("MGA", 0);

	/**
	 * @throws InvalidMoney when {@code amount} has more decimal places than {@link #digits} allows or exceeds
	 * {@link #MAX}, or the currency is not an ISO 4217 code of payment
	 * @throws NullPointerException without an amount
	 */
	public Money {
		Objects.requireNonNull(amount, "amount");
		int digits = digits(currency);
		if (amount.signum() != 0 && amount.stripTrailingZeros().scale() > digits) {
			throw new InvalidMoney(tooManyDigits(currency, digits));
		}
		if (amount.abs().compareTo(MAX) > 0) {
			throw new InvalidMoney("must be at most " + MAX.toPlainString() + " " + currency);
		}
		amount = amount.setScale(STORED_SCALE, RoundingMode.UNNECESSARY);
	}

	/**
	 * {@code amount} in decimal notation ({@code "12.50"}) of {@code currency}.
	 * @throws NumberFormatException when the amount is not a decimal number
	 * @throws InvalidMoney as the constructor
	 */
	public static Money of(String amount, String currency) {
		return new Money(new BigDecimal(amount), currency);
	}

	/**
	 * The currency's minor unit in decimal places: ISO 4217's, made coarser where payment networks settle coarser
	 * (MGA: 0). KWD is 3.
	 * @throws InvalidMoney for an unknown code or one without a minor unit (XXX, XTS, XAU...)
	 */
	public static int minorDigits(String currency) {
		Objects.requireNonNull(currency, "currency");
		Currency iso;
		try {
			iso = Currency.getInstance(currency);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMoney(currency + " is not an ISO 4217 currency code");
		}
		int digits = SETTLEMENT_DIGITS.getOrDefault(iso.getCurrencyCode(), iso.getDefaultFractionDigits());
		if (digits < 0) {
			throw new InvalidMoney(currency + " is not a currency of payment");
		}
		return digits;
	}

	/**
	 * How many decimal places an amount in {@code currency} may have here: its {@link #minorDigits(String)}, at most 2.
	 * @throws InvalidMoney as {@link #minorDigits(String)}
	 */
	public static int digits(String currency) {
		return Math.min(minorDigits(currency), STORED_SCALE);
	}

	/** @throws InvalidMoney if {@code other} is in another currency or the sum exceeds {@link #MAX} */
	public Money plus(Money other) {
		if (!currency.equals(other.currency)) {
			throw new InvalidMoney("cannot add " + other.currency + " to " + currency);
		}
		return new Money(amount.add(other.amount), currency);
	}

	/** This amount {@code times} times, such as a nightly price over a stay's nights. */
	public Money times(int times) {
		return new Money(amount.multiply(BigDecimal.valueOf(times)), currency);
	}

	/**
	 * {@code rate} of this amount (0.10 for 10 %), rounded half-up to the currency's {@link #digits(String)}: the cent,
	 * or the whole yen (10 % of 1005 JPY is 101 JPY).
	 */
	public Money share(BigDecimal rate) {
		return new Money(amount.multiply(rate).setScale(digits(currency), RoundingMode.HALF_UP), currency);
	}

	/**
	 * The amount as a whole number of the currency's minor units ({@link #minorDigits(String)}): 12000 for 120.00 USD,
	 * 15000 for 15000 JPY, 12350 for 12.35 KWD. This is how card networks and providers such as Stripe count money.
	 */
	public long minorUnits() {
		return amount.movePointRight(minorDigits(currency)).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
	}

	@Override
	public String toString() {
		return amount.setScale(digits(currency), RoundingMode.UNNECESSARY).toPlainString() + " " + currency;
	}

	private static String tooManyDigits(String currency, int digits) {
		if (digits == 0) {
			return currency + " has no minor unit: at most 0 decimal places";
		}
		return (minorDigits(currency) > digits ? currency + " amounts are stored with" : currency + " allows")
				+ " at most " + digits + " decimal places";
	}
}
