package io.staybook.booking.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.staybook.booking.BookingService;
import io.staybook.booking.BookingService.Scope;
import io.staybook.booking.BookingStatus;
import io.staybook.booking.BookingView;
import io.staybook.property.CancellationPolicy;
import io.staybook.shared.DomainException;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/bookings")
@Tag(name = "Bookings")
class BookingController {

	private final BookingService bookings;

	BookingController(BookingService bookings) {
		this.bookings = bookings;
	}

	@Schema(name = "Booking")
	record BookingJson(UUID id, UUID propertyId, UUID guestId, LocalDate checkIn, LocalDate checkOut, int guests,
			int nights, @Schema(type = "string", example = "120.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal pricePerNight,
			@Schema(type = "string", example = "35.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal cleaningFee,
			@Schema(type = "string", example = "48.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal serviceFee,
			@Schema(type = "string", example = "563.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalPrice,
			String currency, CancellationPolicy cancellationPolicy, BookingStatus status,
			@Schema(nullable = true, description = "while pending_payment: when the hold ends; while requested: the host's deadline to answer") Instant expiresAt,
			@Schema(nullable = true) Instant cancelledAt,
			@Schema(type = "string", nullable = true, example = "563.00", description = "set when a paid booking is cancelled") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal refundAmount,
			Instant createdAt, Instant updatedAt,
			@Schema(nullable = true, example = "expired", description = "null unless declined: the host's reason (null if none given), or `expired` for a request left unanswered") String declineReason,
			@Schema(type = "string", example = "480.00", description = "the nights' own prices summed (override, weekend or base price)") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal nightlySubtotal,
			@Schema(type = "string", example = "0.00", description = "the weekly or monthly discount, at most nightly_subtotal") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal discount,
			@Schema(type = "string", example = "0.00", description = "extra_guest_fee × guests above guests_included × nights") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal extraGuestFees) {

		static BookingJson of(BookingView b) {
			return new BookingJson(b.id(), b.propertyId(), b.guestId(), b.checkIn(), b.checkOut(), b.guests(),
					b.nights(), b.pricePerNight(), b.cleaningFee(), b.serviceFee(), b.totalPrice(), b.currency(),
					b.cancellationPolicy(), b.status(), b.expiresAt(), b.cancelledAt(), b.refundAmount(),
					b.createdAt(), b.updatedAt(), b.declineReason(), b.nightlySubtotal(), b.discount(),
					b.extraGuestFees());
		}
	}

	@PostMapping
	@Operation(operationId = "createBooking", summary = "Book a stay: holds the dates until paid or until the hold expires",
			description = "Any signed-in user but the listing's host (403 `own_listing`). The booking is"
					+ " `pending_payment` and holds the dates until `expires_at` (15 minutes by default): pay it"
					+ " with `POST /api/v1/payments` before then, or it becomes `expired`; prices, fees and the"
					+ " `cancellation_policy` are copied onto it now. On a listing whose `instant_book` is false the"
					+ " booking is a request instead: `requested`, holding the dates until `expires_at` (24 hours) for"
					+ " the host to approve (`POST /api/v1/bookings/{id}/approve`) or decline it. 400 `validation_failed` for a `check_in` in"
					+ " the past (in the property's time zone) or over 730 days ahead, a `check_out` not after it,"
					+ " nights outside `[min_nights, max_nights]` or `guests` outside `[1, max_guests]`; 404"
					+ " `not_found` for no such listing; 409 `dates_unavailable` when an active booking or a block"
					+ " holds any of the nights."
					+ ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "Held, awaiting payment (or requested, awaiting the host)")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<BookingJson> create(@AuthenticationPrincipal Actor actor,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Valid @RequestBody BookingRequests.Create body) {
		BookingService.Request request = body.toRequest();
		var outcome = bookings.create(actor, key, request);
		BookingJson booking = BookingJson.of(outcome.value());
		return IdempotentResponses.created(outcome, URI.create("/api/v1/bookings/" + booking.id()), booking);
	}

	@GetMapping
	@Operation(operationId = "listBookings", summary = "Your trips (as=guest), bookings of your listings (as=host), or all (as=all, admins)",
			description = "Any signed-in user: `as=guest` (the default) lists the caller's trips, `as=host` the"
					+ " bookings of the caller's listings, and `as=all` every booking, for admins only (403"
					+ " `admin_only` otherwise). `status` keeps one status."
					+ ApiDocs.NEWEST_FIRST_PAGES)
	@ApiResponse(responseCode = "200", description = "One page of bookings")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	Page<BookingJson> list(@AuthenticationPrincipal Actor actor,
			@Parameter(schema = @Schema(allowableValues = { "guest", "host", "all" }, defaultValue = "guest")) @RequestParam(name = "as", required = false) String as,
			@Parameter(description = "only bookings in this status, as they read now: a paid stay whose check_out date has passed where the property is reads completed") @RequestParam(required = false) BookingStatus status,
			@Parameter(description = "page size, 1 to 100") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return bookings.list(actor, scope(as), status, PageRequest.of(limit, cursor)).map(BookingJson::of);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getBooking", summary = "One booking (its guest, the listing's host, admins)",
			description = "The booking's guest, the listing's host or an admin; for anyone else it does not exist"
					+ " (404 `not_found`, not 403). While `pending_payment`, `expires_at` says when the hold ends;"
					+ " `refund_amount` is set when a paid booking is cancelled.")
	@ApiResponse(responseCode = "200", description = "The booking")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	BookingJson get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return BookingJson.of(bookings.viewFor(actor, id));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "updateBooking", summary = "Change dates or guests of an unpaid booking (its guest); priced again",
			description = "Only the booking's guest (the host and admins get 403 `guest_only`, anyone else 404"
					+ " `not_found`), and only while it is `pending_payment` (409 `illegal_status_change`), and not"
					+ " once it is a request its host approved (the same 409: the host approved those dates and"
					+ " guests; cancel it and send a new request). A field"
					+ " left out stays as it is (`null` is a 400 `validation_failed`); the stay is sold again as a"
					+ " booking of it made now would be: priced at the listing's current prices and under its current"
					+ " `cancellation_policy`, with the same 400 rules as `POST /api/v1/bookings` and 409"
					+ " `dates_unavailable` for nights held by another booking or a block. The hold's `expires_at`"
					+ " does not move, and once it has passed the booking can no longer be changed (409"
					+ " `hold_expired`, as its payment would be). Once a payment for it is under way the booking is frozen: 409"
					+ " `payment_in_progress`, so that what is charged is what is owed (if the payment fails, it can"
					+ " be changed again).")
	@ApiResponse(responseCode = "200", description = "The changed booking, priced again")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	BookingJson update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@Valid @RequestBody BookingRequests.Update body) {
		return BookingJson.of(bookings.update(actor, id, body.toChange()));
	}

	@PostMapping("/{id}/cancel")
	@Operation(operationId = "cancelBooking", summary = "Cancel an unpaid or confirmed booking (guest, host, admin); a paid one is refunded by its policy",
			description = "The guest, the listing's host or an admin (anyone else 404 `not_found`); the body"
					+ " `{\"reason\"}` is optional. Only `requested`, `pending_payment` and `confirmed` bookings can be"
					+ " cancelled (409 `illegal_status_change` otherwise; a request only by its guest: the host"
					+ " declines it instead); an unpaid one gets no refund"
					+ " (`refund_amount` null). For a paid one the host's side refunds `total_price`; a guest gets"
					+ " it all within 24 hours of booking if `check_in` is 7+ days away, otherwise what the"
					+ " booking's `cancellation_policy` gives for the days left (all of it from 1, 5 or 14 days for"
					+ " `flexible`, `moderate`, `strict`). \"The nightly subtotal\" of those rules is"
					+ " `nightly_subtotal − discount + extra_guest_fees`, and `flexible`'s \"every night but the"
					+ " first\" subtracts the first night's own price from it. The refund is paid back through the"
					+ " provider by a background job. A confirmed stay whose `check_out` date has come in the"
					+ " property's time zone is spent, not cancellable (409 `illegal_status_change`): it completes."
					+ " A request or an unpaid hold past its `expires_at` is the sweep's, swept or not: 409"
					+ " `request_expired` (it is declined as `expired`) or `hold_expired` (it expires).")
	@ApiResponse(responseCode = "200", description = "The cancelled booking, with its refund_amount")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	BookingJson cancel(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@Valid @RequestBody(required = false) BookingRequests.Cancel body) {
		return BookingJson.of(bookings.cancel(actor, id, body == null ? null : body.reason()));
	}

	@PostMapping("/{id}/check-in")
	@Operation(operationId = "checkIn", summary = "Check the guest in (host, admin), from the check-in date on",
			description = "The listing's host or an admin; the guest gets 403 `host_only`, anyone else 404"
					+ " `not_found`. Only a `confirmed` (paid) booking, and only from its `check_in` date on, before"
					+ " its `check_out` date, in the property's time zone; otherwise 409 `illegal_status_change`.")
	@ApiResponse(responseCode = "200", description = "The booking, checked_in")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	BookingJson checkIn(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return BookingJson.of(bookings.checkIn(actor, id));
	}

	@PostMapping("/{id}/check-out")
	@Operation(operationId = "checkOut", summary = "Check the guest out (host, admin): the stay is completed",
			description = "The listing's host or an admin; the guest gets 403 `host_only`, anyone else 404"
					+ " `not_found`. Only a `checked_in` booking can be checked out (409 `illegal_status_change`"
					+ " otherwise). Completing makes the stay reviewable; a stay nobody checks out is completed by"
					+ " a background job once its `check_out` date has passed.")
	@ApiResponse(responseCode = "200", description = "The booking, completed")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	BookingJson checkOut(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return BookingJson.of(bookings.checkOut(actor, id));
	}

	private static Scope scope(String as) {
		if (as == null || as.isBlank()) {
			return Scope.GUEST;
		}
		return switch (as) {
			case "guest" -> Scope.GUEST;
			case "host" -> Scope.HOST;
			case "all" -> Scope.ALL;
			default -> throw DomainException.invalidField("as", "must be one of: guest, host, all");
		};
	}
}
