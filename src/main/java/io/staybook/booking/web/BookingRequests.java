package io.staybook.booking.web;

import io.staybook.booking.BookingService;
import io.staybook.shared.validation.MultiLine;
import io.staybook.shared.web.NotNullWhenSent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;

/** Request bodies of the booking endpoints, and inputs of the same GraphQL operations. */
public final class BookingRequests {

	private BookingRequests() {
	}

	/** {@code POST /bookings}: the listing, the nights [check_in, check_out) and 1 to 100 guests. */
	@Schema(name = "CreateBooking")
	public record Create(@NotNull UUID propertyId,
			@Schema(example = "2027-03-01") @NotNull @DateTimeFormat(iso = ISO.DATE) LocalDate checkIn,
			@Schema(example = "2027-03-05", description = "exclusive") @NotNull @DateTimeFormat(iso = ISO.DATE) LocalDate checkOut,
			@Schema(example = "2") @NotNull @Min(1) @Max(100) Integer guests) {

		/** The service's form of this request. */
		public BookingService.Request toRequest() {
			return new BookingService.Request(propertyId, checkIn, checkOut, guests);
		}
	}

	/** {@code PATCH /bookings/{id}}: new dates or guests of a booking not yet paid; absent fields stay. */
	@Schema(name = "UpdateBooking", description = "Only the fields present change; none may be null.")
	@NotNullWhenSent
	public record Update(@DateTimeFormat(iso = ISO.DATE) LocalDate checkIn,
			@DateTimeFormat(iso = ISO.DATE) LocalDate checkOut, @Min(1) @Max(100) Integer guests) {

		/** The service's form of this change; absent fields are null. */
		public BookingService.Change toChange() {
			return new BookingService.Change(checkIn, checkOut, guests);
		}
	}

	/** {@code POST /bookings/{id}/decline}: the host's optional reason, shown to the guest. */
	@Schema(name = "DeclineBooking")
	public record Decline(@Schema(example = "The place is being renovated then", nullable = true, description = "optional; shown to the guest as decline_reason") @CodePointLength(max = BookingService.MAX_REASON) @MultiLine String reason) {
	}

	/** {@code POST /bookings/{id}/cancel}: an optional reason, kept with the booking. */
	@Schema(name = "CancelBooking")
	public record Cancel(@Schema(example = "Plans changed", nullable = true, description = "optional; null or left out: none") @CodePointLength(max = BookingService.MAX_REASON) @MultiLine String reason) {
	}
}
