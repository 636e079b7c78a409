package io.staybook.booking;

import io.staybook.property.PriceRules;
import io.staybook.shared.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stay costs, in parts, in one currency; the one pricing function of quotes, new bookings and date changes
 * ({@link #of(PriceRules, LocalDate, LocalDate, int, BigDecimal)}):
 * <ul>
 * <li>{@code nightly}: each night's own price ({@link PriceRules#nightly}: override, else weekend, else base);</li>
 * <li>{@code nightlySubtotal}: their sum;</li>
 * <li>{@code discount}: the stay's percentage ({@link PriceRules#discountPercent}) of the nightly subtotal, rounded
 * half-up to the currency's minor unit ({@link Money#share}), so never more than the subtotal;</li>
 * <li>{@code extraGuestFees}: the extra-guest fee × the guests above those included × nights;</li>
 * <li>{@code serviceFee}: the configured rate of {@code nightlySubtotal − discount + extraGuestFees}, rounded the same
 * way;</li>
 * <li>{@code total = nightlySubtotal − discount + extraGuestFees + cleaningFee + serviceFee}, exactly.</li>
 * </ul>
 * {@code pricePerNight} is the listing's base price, as copied onto the booking. Amounts have scale 2, as stored. A
 * stored booking keeps only its first night's own price ({@link #nightly} holds that one night), which is all the
 * refund rules need.
 */
public record Price(int nights, BigDecimal pricePerNight, List<Night> nightly, BigDecimal nightlySubtotal,
		BigDecimal discount, BigDecimal extraGuestFees, BigDecimal cleaningFee, BigDecimal serviceFee,
		BigDecimal total, String currency) {

	private static final BigDecimal PERCENT = new BigDecimal("0.01");

	/** One night of a stay and its own price. */
	public record Night(LocalDate date, BigDecimal price) {
	}

	/** Copies {@code nightly}, so that a price never changes after it is made. */
	public Price {
		nightly = List.copyOf(nightly);
	}

	/**
	 * The price of the nights [checkIn, checkOut) for {@code guests} by {@code rules}, with the service fee at
	 * {@code serviceFeeRate} (0.10 for 10 %).
	 *
	 * @throws IllegalArgumentException for a stay without nights
	 * @throws io.staybook.shared.money.InvalidMoney if an amount exceeds {@link Money#MAX}
	 */
	public static Price of(PriceRules rules, LocalDate checkIn, LocalDate checkOut, int guests,
			BigDecimal serviceFeeRate) {
		int nights = (int) java.time.temporal.ChronoUnit.DAYS.between(checkIn, checkOut);
		if (nights < 1) {
			throw new IllegalArgumentException("a stay has at least one night");
		}
		String currency = rules.currency();
		List<Night> nightly = new ArrayList<>(nights);
		Money subtotal = new Money(BigDecimal.ZERO, currency);
		for (LocalDate night = checkIn; night.isBefore(checkOut); night = night.plusDays(1)) {
			Money price = rules.nightly(night);
			nightly.add(new Night(night, price.amount()));
			subtotal = subtotal.plus(price);
		}
		Money discount = subtotal.share(BigDecimal.valueOf(rules.discountPercent(nights)).multiply(PERCENT));
		Money extraGuestFees = rules.extraGuestFee().times(rules.extraGuests(guests)).times(nights);
		Money nightsAmount = new Money(subtotal.amount().subtract(discount.amount()), currency).plus(extraGuestFees);
		Money serviceFee = nightsAmount.share(serviceFeeRate);
		Money total = nightsAmount.plus(rules.cleaningFee()).plus(serviceFee);
		return new Price(nights, rules.basePrice().amount(), nightly, subtotal.amount(), discount.amount(),
				extraGuestFees.amount(), rules.cleaningFee().amount(), serviceFee.amount(), total.amount(), currency);
	}

	/**
	 * A stay at one nightly price without discounts or extra guests (demo data, the longest-stay bound of a listing):
	 * {@link #of(PriceRules, LocalDate, LocalDate, int, BigDecimal)} with {@link PriceRules#flat}.
	 *
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
		LocalDate start = LocalDate.EPOCH;
		return of(PriceRules.flat(pricePerNight, cleaningFee), start, start.plusDays(nights), 1, serviceFeeRate);
	}

	/**
	 * What the contract's refund rules call "the nightly subtotal": {@code nightlySubtotal − discount +
	 * extraGuestFees}, the amount the service fee is a share of.
	 */
	public BigDecimal nightsAmount() {
		return nightlySubtotal.subtract(discount).add(extraGuestFees);
	}

	/** The first night's own price (override, weekend or base), which "every night but the first" leaves out. */
	public BigDecimal firstNightPrice() {
		return nightly.getFirst().price();
	}
}
