package io.staybook.booking.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.staybook.booking.BookingService;
import io.staybook.booking.Price;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /properties/{id}/quote}: what a booking would cost, priced by the booking module's one function. */
@RestController
@Tag(name = "Properties")
class QuoteController {

	private final BookingService bookings;

	QuoteController(BookingService bookings) {
		this.bookings = bookings;
	}

	@Schema(name = "QuoteNight")
	record NightJson(LocalDate date,
			@Schema(type = "string", example = "150.00", description = "the night's own price: override, weekend or base price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price) {
	}

	/** The contract's quote; also what a booking of the stay would store. */
	@Schema(name = "Quote")
	record QuoteJson(List<NightJson> nights,
			@Schema(type = "string", example = "840.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal nightlySubtotal,
			@Schema(type = "string", example = "84.00", description = "weekly (7+ nights) or monthly (28+ nights) discount of nightly_subtotal, half-up to the currency's minor unit") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal discount,
			@Schema(type = "string", example = "0.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal extraGuestFees,
			@Schema(type = "string", example = "35.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal cleaningFee,
			@Schema(type = "string", example = "75.60") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal serviceFee,
			@Schema(type = "string", example = "866.60", description = "nightly_subtotal − discount + extra_guest_fees + cleaning_fee + service_fee") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalPrice,
			String currency) {

		static QuoteJson of(Price price) {
			return new QuoteJson(price.nightly().stream().map(n -> new NightJson(n.date(), n.price())).toList(),
					price.nightlySubtotal(), price.discount(), price.extraGuestFees(), price.cleaningFee(),
					price.serviceFee(), price.total(), price.currency());
		}
	}

	@GetMapping("/api/v1/properties/{id}/quote")
	@SecurityRequirements
	@Operation(operationId = "getQuote", summary = "What a booking of these dates made now would cost",
			description = "Anyone, without a token. Priced by the same function as `POST /api/v1/bookings` and a"
					+ " date change, with the same 400 `validation_failed` answers (a `check_in` in the past in the"
					+ " property's time zone or over 730 days ahead, a `check_out` not after it, nights outside"
					+ " `[min_nights, max_nights]`, `guests` outside `[1, max_guests]`); 404 `not_found` for no such"
					+ " listing. Whether the nights are free is not checked: a quote is a price (see the calendar);"
					+ " booking taken dates is a 409.")
	@ApiResponse(responseCode = "200", description = "The stay's price in parts")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	QuoteJson quote(@PathVariable UUID id,
			@Parameter(description = "first night", example = "2027-03-05") @RequestParam(name = "check_in") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate checkIn,
			@Parameter(description = "the morning of departure, exclusive", example = "2027-03-12") @RequestParam(name = "check_out") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate checkOut,
			@Parameter(description = "guests, default 1", example = "2") @RequestParam(required = false) Integer guests) {
		return QuoteJson.of(bookings.quote(id, checkIn, checkOut, Objects.requireNonNullElse(guests, 1)));
	}
}
