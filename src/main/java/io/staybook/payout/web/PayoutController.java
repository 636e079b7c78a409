package io.staybook.payout.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.staybook.payout.PayoutService;
import io.staybook.payout.PayoutStatus;
import io.staybook.payout.PayoutSummary;
import io.staybook.payout.PayoutView;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.Acceptable;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/payouts}: a host's payouts (admins: everyone's), their summary and its CSV export. */
@RestController
@RequestMapping("/api/v1/payouts")
@Tag(name = "Payouts")
class PayoutController {

	/** What {@code GET /summary} answers in: JSON, or CSV when asked for. */
	private static final MediaType CSV = MediaType.parseMediaType(PayoutCsv.MEDIA_TYPE);

	/** JSON first: between equally acceptable types ({@code *}{@code /*}), JSON. */
	private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, CSV);

	private final PayoutService payouts;

	PayoutController(PayoutService payouts) {
		this.payouts = payouts;
	}

	@Schema(name = "Payout")
	record PayoutJson(UUID id, UUID bookingId, UUID hostId,
			@Schema(type = "string", example = "251.96",
					description = "what goes to the host; 0.00 when deductions took all of it") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
			String currency, PayoutStatus status,
			@Schema(nullable = true, description = "null until paid, and for a payout of 0.00 (nothing sent)",
					example = "tr_sandbox_payout-0193-1") String providerReference,
			Instant createdAt, @Schema(nullable = true) Instant paidAt,
			@Schema(type = "string", example = "0.00",
					description = "taken off this payout to recover refunds made after the host's earlier payouts"
							+ " (README, \"Payouts\"); amount + deducted is what the stay earned the host") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal deducted) {

		static PayoutJson of(PayoutView p) {
			return new PayoutJson(p.id(), p.bookingId(), p.hostId(), p.amount(), p.currency(), p.status(),
					p.providerReference(), p.createdAt(), p.paidAt(), p.deducted());
		}
	}

	@Schema(name = "PayoutSummary")
	record SummaryJson(@Schema(nullable = true, type = "string", format = "date") LocalDate from,
			@Schema(nullable = true, type = "string", format = "date") LocalDate to,
			@ArraySchema(schema = @Schema(implementation = TotalJson.class)) List<TotalJson> totals) {

		static SummaryJson of(PayoutSummary s) {
			return new SummaryJson(s.from(), s.to(), s.totals().stream().map(TotalJson::of).toList());
		}
	}

	@Schema(name = "PayoutTotal")
	record TotalJson(String currency, PayoutStatus status, long count,
			@Schema(type = "string", example = "1007.84") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
			@Schema(type = "string", example = "0.00",
					description = "the payouts' deductions: refunds after earlier payouts recovered from these") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal deducted) {

		static TotalJson of(PayoutSummary.Total t) {
			return new TotalJson(t.currency(), t.status(), t.count(), t.amount(), t.deducted());
		}
	}

	@GetMapping
	@Operation(operationId = "listPayouts", summary = "Your payouts as a host; admins: everyone's, or one host's",
			description = "A payout is made 24 hours after a stay's check-in and paid through the payment provider:"
					+ " `total_price − service_fee − host_fee − refund_amount`, less `deducted`: what the host owes"
					+ " back for refunds made after earlier payouts. Hosts see their own (`host_id` may"
					+ " only name themselves, else 403); admins see all, or one host's with `host_id`."
					+ ApiDocs.NEWEST_FIRST_PAGES)
	@ApiResponse(responseCode = "200", description = "One page of payouts")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	Page<PayoutJson> list(@AuthenticationPrincipal Actor actor,
			@Parameter(description = "admins: only this host's payouts") @RequestParam(name = "host_id", required = false) UUID hostId,
			@Parameter(description = "page size, 1 to 100") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return payouts.list(actor, hostId, PageRequest.of(limit, cursor)).map(PayoutJson::of);
	}

	@GetMapping("/summary")
	@Operation(operationId = "getPayoutSummary",
			summary = "Totals of your payouts per currency and status; with Accept: text/csv, one row per payout",
			description = "The payouts made in [`from`, `to`) (UTC dates, each optional, `to` exclusive). With"
					+ " `Accept: text/csv` the answer is an RFC 4180 CSV file instead, a header row and then one row per"
					+ " payout, oldest first, every cell quoted; a cell a spreadsheet would read as a formula (starting"
					+ " with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'` (OWASP, CSV injection)."
					+ " Hosts get their own; admins everyone's, or one host's with `host_id`.")
	@ApiResponse(responseCode = "200", description = "The totals, or the CSV export",
			content = { @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = SummaryJson.class)),
					@Content(mediaType = PayoutCsv.MEDIA_TYPE, schema = @Schema(type = "string",
							example = "\"id\",\"booking_id\",\"host_id\",\"amount\",\"currency\",\"status\",\"provider_reference\",\"created_at\",\"paid_at\",\"deducted\"")) })
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	ResponseEntity<?> summary(@AuthenticationPrincipal Actor actor,
			@Parameter(description = "first UTC day of the window", example = "2027-03-01") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "end of the window, exclusive", example = "2027-04-01") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@Parameter(description = "admins: only this host's payouts") @RequestParam(name = "host_id", required = false) UUID hostId,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept)
			throws HttpMediaTypeNotAcceptableException {
		// an Accept that takes neither JSON nor CSV, or is malformed, is a 406 problem (RFC 9110 §15.5.7), as elsewhere;
		// checked here, not with produces, which would hand such a request to GET /{id} with the id "summary"
		MediaType answer;
		try {
			answer = Acceptable.preferred(acceptRanges(accept), ANSWERS).orElse(null);
		}
		catch (InvalidMediaTypeException ex) {
			answer = null;
		}
		if (answer == null) {
			throw new HttpMediaTypeNotAcceptableException(ANSWERS);
		}
		if (answer.equals(CSV)) {
			String csv = PayoutCsv.write(payouts.export(actor, hostId, from, to));
			return ResponseEntity.ok()
				.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"payouts.csv\"")
				.varyBy(HttpHeaders.ACCEPT)
				.body(csv);
		}
		// the answer depends on Accept: a cache must not give the CSV to a client that asked for JSON (RFC 9110 §12.5.5)
		return ResponseEntity.ok()
			.varyBy(HttpHeaders.ACCEPT)
			.contentType(MediaType.APPLICATION_JSON)
			.body(SummaryJson.of(payouts.summary(actor, hostId, from, to)));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getPayout", summary = "One payout (its host, admins)",
			description = "Its host or an admin; for anyone else it does not exist (404 `not_found`, not 403).")
	@ApiResponse(responseCode = "200", description = "The payout")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	PayoutJson get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return PayoutJson.of(payouts.get(actor, id));
	}

	/** The ranges of an {@code Accept} header, none without one; {@link InvalidMediaTypeException} if malformed. */
	private static List<MediaType> acceptRanges(String accept) {
		return accept == null || accept.isBlank() ? List.of() : MediaType.parseMediaTypes(accept);
	}

	/**
	 * Whether the client prefers CSV ({@link Acceptable#preferred}): {@code text/csv} gets a higher quality than JSON,
	 * or the same from a range listed first, so that {@code Accept: text/csv}, {@code text/csv, application/json;q=0.5}
	 * and {@code application/json;q=0, *}{@code /*} get CSV while {@code *}{@code /*}, no header and a malformed one
	 * do not.
	 */
	static boolean wantsCsv(String accept) {
		try {
			return Acceptable.preferred(acceptRanges(accept), ANSWERS).map(CSV::equals).orElse(false);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}
}
