package io.staybook.booking;

import io.staybook.shared.money.Money;
import java.math.BigDecimal;

/**
 * What a stay costs: {@code total = nights × pricePerNight + cleaningFee + serviceFee}, exactly, in one currency; the
 * service fee is {@code rate × nights × pricePerNight}, rounded half-up to the currency's smallest unit we store
 * ({@link Money#share}): the cent, or the whole yen in currencies without a minor unit, such as JPY. Amounts have scale
 * 2, as stored.
 */
public record Price(int nights, BigDecimal pricePerNight, BigDecimal cleaningFee, BigDecimal serviceFee,
		BigDecimal total, String currency) {

	/**
	 * @throws IllegalArgumentException for a stay without nights
	 * @throws io.staybook.shared.money.InvalidMoney if an amount has more decimal places than {@code currency} allows
	 * or the total exceeds {@link Money#MAX}
	 */
	public static Price of(int nights, BigDecimal pricePerNight, BigDecimal cleaningFee, BigDecimal serviceFeeRate,
			String currency) {
		return of(nights, new Money(pricePerNight, currency), new Money(cleaningFee, currency), serviceFeeRate);
	}

	/** As {@link #of(int, BigDecimal, BigDecimal, BigDecimal, String)}, in the currency of {@code pricePerNight}. */
	public static Price of(int nights, Money pricePerNight, Money cleaningFee, BigDecimal serviceFeeRate) {
		if (nights < 1) {
			throw new IllegalArgumentException("a stay has at least one night");
		}
		Money subtotal = pricePerNight.times(nights);
		Money serviceFee = subtotal.share(serviceFeeRate);
		Money total = subtotal.plus(cleaningFee).plus(serviceFee);
		return new Price(nights, pricePerNight.amount(), cleaningFee.amount(), serviceFee.amount(), total.amount(),
				pricePerNight.currency());
	}

	public BigDecimal nightlySubtotal() {
		return pricePerNight.multiply(BigDecimal.valueOf(nights));
	}
}
