package io.staybook.booking.graphql;

import io.staybook.booking.BookingService;
import io.staybook.booking.Price;
import io.staybook.shared.CalendarDates;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The twin of {@code GET /properties/{id}/quote}: the same service method, the same 400s. */
@Controller
class QuoteGraphQl {

	private final BookingService bookings;

	QuoteGraphQl(BookingService bookings) {
		this.bookings = bookings;
	}

	/** The GraphQL {@code Quote}: the REST quote's fields in camelCase. */
	record Quote(List<Price.Night> nights, BigDecimal nightlySubtotal, BigDecimal discount, BigDecimal extraGuestFees,
			BigDecimal cleaningFee, BigDecimal serviceFee, BigDecimal totalPrice, String currency) {
	}

	@QueryMapping
	Quote quote(@Argument UUID propertyId, @Argument String checkIn, @Argument String checkOut,
			@Argument Integer guests) {
		Price price = bookings.quote(propertyId, CalendarDates.argument("checkIn", checkIn),
				CalendarDates.argument("checkOut", checkOut), Objects.requireNonNullElse(guests, 1));
		return new Quote(price.nightly(), price.nightlySubtotal(), price.discount(), price.extraGuestFees(),
				price.cleaningFee(), price.serviceFee(), price.total(), price.currency());
	}
}
