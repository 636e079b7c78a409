package io.staybook.property;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A listing's nights in a window, each with the price it costs now ({@link PriceRules#nightly}: override, weekend or
 * base price, before discounts and fees) and whether it can be booked: not in the past where the listing is, and free
 * of bookings (unpaid holds until their time), and host blocks, as {@link Availability} says.
 */
public record PriceCalendar(UUID propertyId, String currency, List<Day> days) {

	/** The price of the night of {@code date}, in the listing's currency, and whether it can be booked. */
	public record Day(LocalDate date, BigDecimal price, boolean available) {
	}
}
