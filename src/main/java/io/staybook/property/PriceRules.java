package io.staybook.property;

import io.staybook.shared.money.Money;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * A listing's pricing rules for the nights of a window, as the one pricing function ({@code booking.Price}) and the
 * calendar read them: the base price, the weekend price of Friday and Saturday nights (null: the base price), the
 * host's per-date overrides within the window, the length-of-stay discounts (whole percent, 0 to 90: weekly from 7
 * nights, monthly from 28 nights, where it replaces the weekly one), the guests the price includes and the fee per
 * night for each guest above them, and the cleaning fee. A night is a date in the listing's own time zone (the contract:
 * "Calendar dates are YYYY-MM-DD"), so its day of the week is the date's, whatever the zone.
 *
 * @param overrides the host's nightly prices by date, for (at least) the dates that will be asked for
 */
public record PriceRules(Money basePrice, Money weekendPrice, Map<LocalDate, Money> overrides,
		int weeklyDiscountPercent, int monthlyDiscountPercent, int guestsIncluded, Money extraGuestFee,
		Money cleaningFee) {

	/** Stays of at least this many nights get the weekly discount. */
	public static final int WEEK = 7;

	/** Stays of at least this many nights get the monthly discount instead of the weekly one. */
	public static final int MONTH = 28;

	/**
	 * Copies {@code overrides}.
	 * @throws NullPointerException when the base price, extra guest fee or cleaning fee is missing
	 */
	public PriceRules {
		Objects.requireNonNull(basePrice, "basePrice");
		overrides = Map.copyOf(overrides);
		Objects.requireNonNull(extraGuestFee, "extraGuestFee");
		Objects.requireNonNull(cleaningFee, "cleaningFee");
	}

	/** One price every night, without weekend price, overrides, discounts or extra-guest fee. */
	public static PriceRules flat(Money pricePerNight, Money cleaningFee) {
		Money none = new Money(BigDecimal.ZERO, pricePerNight.currency());
		return new PriceRules(pricePerNight, null, Map.of(), 0, 0, 1, none, cleaningFee);
	}

	/** A listing's rules with the given overrides (by date, in its currency). */
	public static PriceRules of(PropertyView listing, Map<LocalDate, BigDecimal> overrides) {
		String currency = listing.currency();
		Map<LocalDate, Money> nightly = new java.util.HashMap<>();
		overrides.forEach((date, price) -> nightly.put(date, new Money(price, currency)));
		return new PriceRules(new Money(listing.pricePerNight(), currency),
				listing.weekendPrice() == null ? null : new Money(listing.weekendPrice(), currency), nightly,
				listing.weeklyDiscountPercent(), listing.monthlyDiscountPercent(), listing.guestsIncluded(),
				new Money(listing.extraGuestFee(), currency), new Money(listing.cleaningFee(), currency));
	}

	/** The listing's ISO 4217 currency, that of every price here. */
	public String currency() {
		return basePrice.currency();
	}

	/** The price of the night of {@code date}: the host's override, else the weekend price on a Friday or Saturday night, else the base price. */
	public Money nightly(LocalDate date) {
		Money override = overrides.get(date);
		if (override != null) {
			return override;
		}
		if (weekendPrice != null && isWeekendNight(date)) {
			return weekendPrice;
		}
		return basePrice;
	}

	/** The discount in percent for a stay of {@code nights}: monthly from 28 nights when set (else weekly), weekly from 7. */
	public int discountPercent(int nights) {
		if (nights >= MONTH && monthlyDiscountPercent > 0) {
			return monthlyDiscountPercent;
		}
		return nights >= WEEK ? weeklyDiscountPercent : 0;
	}

	/** How many of {@code guests} pay the extra-guest fee. */
	public int extraGuests(int guests) {
		return Math.max(0, guests - guestsIncluded);
	}

	/** Friday and Saturday nights: the nights before a Saturday and a Sunday. */
	public static boolean isWeekendNight(LocalDate date) {
		DayOfWeek day = date.getDayOfWeek();
		return day == DayOfWeek.FRIDAY || day == DayOfWeek.SATURDAY;
	}
}
