package io.staybook.booking;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a stay costs: {@code total = nights × pricePerNight + cleaningFee + serviceFee}, exactly, in one currency; the
 * service fee is {@code rate × nights × pricePerNight}, rounded half-up to the cent (to the unit in currencies
 * without cents, such as JPY).
 */
public record Price(int nights, BigDecimal pricePerNight, BigDecimal cleaningFee, BigDecimal serviceFee,
		BigDecimal total, String currency) {

	public static Price of(int nights, BigDecimal pricePerNight, BigDecimal cleaningFee, BigDecimal serviceFeeRate,
			String currency) {
		if (nights < 1) {
			throw new IllegalArgumentException("a stay has at least one night");
		}
		BigDecimal subtotal = pricePerNight.multiply(BigDecimal.valueOf(nights));
		// half-up to the currency's smallest unit: the cent, or the whole yen
		int digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
		BigDecimal serviceFee = subtotal.multiply(serviceFeeRate).setScale(Math.min(digits, 2), RoundingMode.HALF_UP)
			.setScale(2);
		BigDecimal total = subtotal.add(cleaningFee).add(serviceFee).setScale(2, RoundingMode.UNNECESSARY);
		return new Price(nights, pricePerNight.setScale(2, RoundingMode.UNNECESSARY),
				cleaningFee.setScale(2, RoundingMode.UNNECESSARY), serviceFee, total, currency);
	}

	public BigDecimal nightlySubtotal() {
		return pricePerNight.multiply(BigDecimal.valueOf(nights));
	}
}
