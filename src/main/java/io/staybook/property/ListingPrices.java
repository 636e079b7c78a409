package io.staybook.property;

import io.staybook.shared.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A listing's pricing rules with its per-date overrides ({@link NightlyPrices}): the rules a stay is priced by, the
 * price calendar, and the dearest night a listing can cost (for the longest-stay bound of {@link ListingMoney}).
 */
@Component
class ListingPrices {

	private final NightlyPrices nightly;

	ListingPrices(NightlyPrices nightly) {
		this.nightly = nightly;
	}

	/** The rules of {@code listing} for the nights [from, to), its overrides there read in the caller's transaction. */
	PriceRules rules(PropertyView listing, LocalDate from, LocalDate to) {
		return PriceRules.of(listing, nightly.between(listing.id(), from, to));
	}

	/** Each night of the availability's window with its price and whether it can be booked (not before {@code today}). */
	PriceCalendar calendar(PropertyView listing, Availability availability, LocalDate today) {
		PriceRules rules = rules(listing, availability.from(), availability.to());
		List<PriceCalendar.Day> days = new ArrayList<>();
		for (LocalDate date = availability.from(); date.isBefore(availability.to()); date = date.plusDays(1)) {
			LocalDate night = date;
			boolean taken = availability.unavailable()
				.stream()
				.anyMatch(span -> !night.isBefore(span.start()) && night.isBefore(span.end()));
			days.add(new PriceCalendar.Day(night, rules.nightly(night).amount(), !taken && !night.isBefore(today)));
		}
		return new PriceCalendar(listing.id(), listing.currency(), days);
	}

	/**
	 * The dearest night the listing can cost from {@code today} on: the largest of its base price, weekend price and
	 * overrides, plus the extra-guest fee of every guest above those included.
	 */
	BigDecimal dearestNight(UUID id, BigDecimal base, BigDecimal weekend, BigDecimal extraGuestFee, int extraGuests,
			LocalDate today) {
		BigDecimal dearest = base.max(Objects.requireNonNullElse(weekend, BigDecimal.ZERO));
		if (id != null) {
			dearest = dearest.max(nightly.highestFrom(id, today));
		}
		return dearest.add(extraGuestFee.multiply(BigDecimal.valueOf(extraGuests)));
	}

	/**
	 * Sets (or with a null price removes) the overrides of the nights [from, to), and moves the listing's version.
	 */
	void set(UUID id, LocalDate from, LocalDate to, Money price, java.time.Instant now) {
		nightly.touch(id, now);
		if (price == null) {
			nightly.clear(id, from, to);
		}
		else {
			nightly.set(id, from, to, price.amount());
		}
	}

	/**
	 * Before a change of the listing's currency: removes the overrides of past nights (they price no stay any more)
	 * and returns the first night from {@code today} on that still has one, whose price is in the current currency.
	 * The database refuses the change while any override exists (V41's {@code property_prices_in_listing_currency}).
	 */
	Optional<LocalDate> overridesBlockingCurrencyChange(UUID id, LocalDate today) {
		nightly.forgetBefore(id, today);
		return nightly.firstFrom(id, today);
	}

	/** Whether an override from {@code today} on does not fit {@code currency} (after a change of currency). */
	boolean overridesUnfit(UUID id, String currency, LocalDate today) {
		return nightly.anyUnfit(id, currency, today);
	}
}
