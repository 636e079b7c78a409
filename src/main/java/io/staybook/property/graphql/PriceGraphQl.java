package io.staybook.property.graphql;

import io.staybook.property.PriceCalendar;
import io.staybook.property.PropertyService;
import io.staybook.shared.CalendarDates;
import io.staybook.shared.DomainException;
import io.staybook.shared.security.Actor;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** The twins of {@code GET /properties/{id}/calendar} and {@code PUT /properties/{id}/prices}. */
@Controller
class PriceGraphQl {

	private final PropertyService properties;

	PriceGraphQl(PropertyService properties) {
		this.properties = properties;
	}

	/** {@code from}, {@code to}: dates; {@code pricePerNight}: a decimal string, or null to remove. */
	record SetPricesInput(String from, String to, String pricePerNight) {
	}

	@QueryMapping
	PriceCalendar calendar(@Argument UUID propertyId, @Argument String from, @Argument String to) {
		return properties.calendar(propertyId, CalendarDates.argument("from", from),
				CalendarDates.argument("to", to));
	}

	@MutationMapping
	PriceCalendar setPrices(@AuthenticationPrincipal Actor actor, @Argument UUID propertyId,
			@Argument SetPricesInput input) {
		return properties.setPrices(Actor.required(actor), propertyId, CalendarDates.argument("from", input.from()),
				CalendarDates.argument("to", input.to()), price(input.pricePerNight()));
	}

	private static BigDecimal price(String value) {
		if (value == null) {
			return null;
		}
		try {
			// digits and bounds are the service's rule (the listing's currency)
			return new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			throw DomainException.invalidField("pricePerNight", "must be a decimal number like 120.00");
		}
	}
}
