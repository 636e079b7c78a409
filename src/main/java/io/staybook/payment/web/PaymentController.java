package io.staybook.payment.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.staybook.payment.IdempotentPayments;
import io.staybook.payment.PaymentMethod;
import io.staybook.payment.PaymentService;
import io.staybook.payment.PaymentStatus;
import io.staybook.payment.PaymentView;
import io.staybook.payment.Webhooks;
import io.staybook.shared.DomainException;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments")
class PaymentController {

	private final IdempotentPayments payments;

	private final PaymentService queries;

	private final Webhooks webhooks;

	PaymentController(IdempotentPayments payments, PaymentService queries, Webhooks webhooks) {
		this.payments = payments;
		this.queries = queries;
		this.webhooks = webhooks;
	}

	@Schema(name = "Payment")
	record PaymentJson(UUID id, UUID bookingId,
			@Schema(type = "string", example = "563.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
			String currency, PaymentMethod paymentMethod, PaymentStatus status,
			@Schema(type = "string", example = "0.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal refundedAmount,
			@Schema(example = "card_declined", nullable = true) String failureReason,
			@Schema(example = "sandbox") String provider, @Schema(nullable = true) String providerReference,
			Instant createdAt, Instant updatedAt) {

		static PaymentJson of(PaymentView p) {
			return new PaymentJson(p.id(), p.bookingId(), p.amount(), p.currency(), p.paymentMethod(), p.status(),
					p.refundedAmount(), p.failureReason(), p.provider(), p.providerReference(), p.createdAt(),
					p.updatedAt());
		}
	}

	@PostMapping
	@Operation(operationId = "createPayment", summary = "Pay for a booking (its guest); charged by a background job",
			description = "Requires Idempotency-Key: a repeat with the same key and body within 24 hours returns the"
					+ " first response and charges nothing more; the same key with another body is a 400; a repeat"
					+ " while the first request runs is a 409. A booking whose total no card payment can take (below"
					+ " the smallest or above the largest, a hold made before they were checked) is a 409"
					+ " `amount_not_chargeable`, and nothing is charged.")
	@ApiResponse(responseCode = "201", description = "Pending; the charge follows")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<PaymentJson> create(@AuthenticationPrincipal Actor actor,
			@Parameter(description = "a unique key per payment attempt, at most 255 characters", required = true) @RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Valid @RequestBody PaymentRequests.Create body) {
		var outcome = payments.create(actor, body.toRequest(), key);
		PaymentView payment = outcome.value();
		return IdempotentResponses.created(outcome, URI.create("/api/v1/payments/" + payment.id()),
				PaymentJson.of(payment));
	}

	@GetMapping
	@Operation(operationId = "listPayments", summary = "Payments of your bookings, or with as=host of bookings of your listings",
			description = "Any signed-in user: by default the payments of the caller's own bookings; with"
					+ " `as=host`, those of bookings of the caller's listings (there is no admin-wide list)."
					+ " `booking_id` narrows it to one booking's attempts, failed ones included."
					+ ApiDocs.NEWEST_FIRST_PAGES)
	@ApiResponse(responseCode = "200", description = "One page of payments")
	Page<PaymentJson> list(@AuthenticationPrincipal Actor actor,
			@Parameter(schema = @Schema(allowableValues = { "guest", "host" }, defaultValue = "guest")) @RequestParam(name = "as", required = false) String as,
			@Parameter(description = "only this booking's payments") @RequestParam(name = "booking_id", required = false) UUID bookingId,
			@Parameter(description = "page size, 1 to 100") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		PaymentService.Scope scope = switch (as == null || as.isBlank() ? "guest" : as) {
			case "guest" -> PaymentService.Scope.PAYER;
			case "host" -> PaymentService.Scope.HOST;
			default -> throw DomainException.invalidField("as", "must be one of: guest, host");
		};
		return queries.list(actor, scope, bookingId, PageRequest.of(limit, cursor)).map(PaymentJson::of);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getPayment", summary = "One payment (the guest, the host, admins)",
			description = "The booking's guest, the listing's host or an admin; for anyone else it does not exist"
					+ " (404 `not_found`, not 403). A payment is `pending` until the background charge makes it"
					+ " `completed` (and the booking `confirmed`) or `failed` with a `failure_reason` such as"
					+ " `card_declined`, so poll it until then; `refunded_amount` grows as refunds of a"
					+ " cancellation are paid back. As with Stripe, the provider's later word wins: a `failed`"
					+ " payment the provider reports as taken after all becomes `completed`, and confirms the"
					+ " booking while its hold lasts, else is refunded in full (`refunded`).")
	@ApiResponse(responseCode = "200", description = "The payment")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	PaymentJson get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return PaymentJson.of(queries.get(actor, id));
	}

	@Schema(name = "WebhookReceipt")
	record WebhookReceipt(@Schema(allowableValues = "true") boolean received,
			@Schema(description = "true when this event id was seen before; nothing changed") boolean duplicate) {
	}

	@PostMapping("/webhooks/{provider}")
	@SecurityRequirements
	@Operation(operationId = "receiveWebhook",
			summary = "Provider callbacks, signed with Staybook-Signature (sandbox) or Stripe-Signature (stripe)",
			description = "The signature covers the raw bytes of the body, so they are read as sent: a JSON event of"
					+ " the provider's own shape.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "application/json",
							schema = @Schema(type = "object", description = "the provider's event, e.g. {\"id\": \"evt_1\", \"type\": \"payment.succeeded\", ...}"))))
	@Parameter(in = ParameterIn.HEADER, name = "Staybook-Signature", example = "t=1764412800,v1=5257a869e7",
			schema = @Schema(type = "string"),
			description = "sandbox: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">; 400 if missing or wrong")
	@Parameter(in = ParameterIn.HEADER, name = "Stripe-Signature", schema = @Schema(type = "string"),
			description = "stripe: Stripe's own signature header")
	@ApiResponse(responseCode = "200", description = "Handled, or seen before",
			content = @Content(schema = @Schema(implementation = WebhookReceipt.class)))
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	WebhookReceipt webhook(@PathVariable String provider, @RequestHeader HttpHeaders headers,
			@RequestBody String body) {
		boolean first = webhooks.receive(provider, headers::getFirst, body);
		return new WebhookReceipt(true, !first);
	}
}
