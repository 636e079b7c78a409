package io.staybook.property.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.staybook.property.PriceCalendar;
import io.staybook.property.PropertyService;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A listing's nightly prices: the price calendar (anyone) and the host's per-date prices. */
@RestController
@RequestMapping("/api/v1/properties")
@Tag(name = "Properties")
class PriceController {

	private final PropertyService properties;

	PriceController(PropertyService properties) {
		this.properties = properties;
	}

	@Schema(name = "CalendarDay")
	record DayJson(LocalDate date,
			@Schema(type = "string", example = "150.00", description = "the night's price before discounts and fees: the host's price for the date, else the weekend price on Friday and Saturday nights, else the base price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price,
			@Schema(description = "false when booked (unpaid holds until their time), blocked, or in the past") boolean available) {
	}

	@Schema(name = "PriceCalendar", description = "Prices are in the listing's currency.")
	record CalendarJson(List<DayJson> days) {

		static CalendarJson of(PriceCalendar calendar) {
			return new CalendarJson(
					calendar.days().stream().map(d -> new DayJson(d.date(), d.price(), d.available())).toList());
		}
	}

	@Schema(name = "SetPrices")
	record PricesBody(@Schema(example = "2027-12-20") @NotNull LocalDate from,
			@Schema(example = "2028-01-03", description = "exclusive") @NotNull LocalDate to,
			@Schema(type = "string", example = "180.00", nullable = true, description = "the nightly price of each date of [from, to), positive, with at most as many decimal places as the listing's currency allows; null (or left out) removes the host's prices there") @Digits(integer = 10, fraction = 2) BigDecimal pricePerNight) {
	}

	@GetMapping("/{id}/calendar")
	@SecurityRequirements
	@Operation(operationId = "getCalendar", summary = "Each night of a window of at most 366 days, with its price and availability",
			description = "Anyone, without a token; 404 `not_found` for no such listing. The window is the"
					+ " availability's: `from` defaults to today in the property's time zone and `to` (exclusive)"
					+ " to 90 days after `from`; `to` must be after `from` and at most 366 days later (400"
					+ " `validation_failed`). A night is unavailable when `GET /availability` shows it booked or"
					+ " blocked, or when it is in the past.")
	@ApiResponse(responseCode = "200", description = "The nights, in date order")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	CalendarJson calendar(@PathVariable UUID id,
			@Parameter(description = "first night; default today in the property's time zone", example = "2027-03-01") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "end of the window, exclusive; default 90 days after from", example = "2027-04-01") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return CalendarJson.of(properties.calendar(id, from, to));
	}

	@PutMapping("/{id}/prices")
	@Operation(operationId = "setPrices", summary = "Set or remove the nightly price of a range of dates (the listing's host)",
			description = "Only the listing's host, not admins (403 `not_your_listing`). Each date of `[from, to)`"
					+ " costs `price_per_night`, over the base and weekend price; `null` removes the host's prices"
					+ " there. `from` must not be in the past in the property's time zone nor over 730 days ahead"
					+ " (the booking horizon), and `to` must be after"
					+ " it and at most 366 days later; the price must be positive, fit the listing's currency and"
					+ " keep the longest stay within 9999999999.99 (400 `validation_failed`). Bookings already made"
					+ " keep their prices. Answers the calendar of `[from, to)`.")
	@ApiResponse(responseCode = "200", description = "The calendar of the range")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	CalendarJson setPrices(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@Valid @RequestBody PricesBody body) {
		return CalendarJson.of(properties.setPrices(actor, id, body.from(), body.to(), body.pricePerNight()));
	}
}
