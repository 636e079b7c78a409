package io.staybook.booking.web;

import io.staybook.booking.BookingView;
import io.staybook.booking.RequestToBook;
import io.staybook.booking.web.BookingController.BookingJson;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The host's answers to a request to book: {@code POST /bookings/{id}/approve} and {@code /decline}. */
@RestController
@RequestMapping("/api/v1/bookings")
@Tag(name = "Bookings")
class RequestController {

	static final String WHO = "The listing's host or an admin; the guest gets 403 `host_only`, anyone else 404"
			+ " `not_found`. Only a `requested` booking (409 `illegal_status_change` otherwise), and only before its"
			+ " `expires_at`, the 24 hours the host has to answer (409 `request_expired` after: the request is"
			+ " declined with `decline_reason` `expired`).";

	static final String KEYED = " `Idempotency-Key` is optional: the same key and body from the same user within 24"
			+ " hours replays the first 200 with `Idempotency-Replayed: true`.";

	private final RequestToBook requests;

	private final Idempotent idempotent;

	RequestController(RequestToBook requests, Idempotent idempotent) {
		this.requests = requests;
		this.idempotent = idempotent;
	}

	@PostMapping("/{id}/approve")
	@Operation(operationId = "approveBooking", summary = "Approve a request to book (host, admin): it awaits payment, the hold time starting now",
			description = WHO + " The booking becomes `pending_payment`, with `expires_at` a hold time (15 minutes by"
					+ " default) from now; the guest is mailed to pay before then." + KEYED)
	@ApiResponse(responseCode = "200", description = "The booking, pending_payment")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<BookingJson> approve(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key) {
		return answered(actor, key, RequestToBook.Answer.approve(id), () -> requests.approve(actor, id));
	}

	@PostMapping("/{id}/decline")
	@Operation(operationId = "declineBooking", summary = "Decline a request to book (host, admin): its dates are free again",
			description = WHO + " The body `{\"reason\"}` is optional and becomes `decline_reason`; the booking"
					+ " becomes `declined` and the guest is mailed." + KEYED)
	@ApiResponse(responseCode = "200", description = "The booking, declined")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<BookingJson> decline(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Valid @RequestBody(required = false) BookingRequests.Decline body) {
		String reason = body == null ? null : body.reason();
		return answered(actor, key, RequestToBook.Answer.decline(id, reason), () -> requests.decline(actor, id, reason));
	}

	/** Runs an answer under the caller's {@code Idempotency-Key}, if sent: 200, or the first answer's 200 replayed. */
	private ResponseEntity<BookingJson> answered(Actor actor, String key, RequestToBook.Answer answer,
			java.util.function.Supplier<BookingView> work) {
		var outcome = idempotent.run(IdempotencyScope.user(actor.id()), key, answer, BookingView.class, work);
		return IdempotentResponses.ok(outcome, BookingJson.of(outcome.value()));
	}
}
