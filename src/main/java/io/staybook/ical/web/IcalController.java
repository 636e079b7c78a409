package io.staybook.ical.web;

import io.staybook.ical.IcalImport;
import io.staybook.ical.IcalService;
import io.staybook.ical.ImportUrl;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Calendar sync over REST: the listing's secret export URL and calendar, and its imported calendars. */
@RestController
@RequestMapping("/api/v1/properties/{id}")
@Tag(name = "Calendar sync")
class IcalController {

	static final String TEXT_CALENDAR = "text/calendar";

	private static final String HOST_ONLY = "Only the listing's host, not admins (403 `not_your_listing`); 404"
			+ " `not_found` for no such listing.";

	private final IcalService ical;

	private final Idempotent idempotent;

	IcalController(IcalService ical, Idempotent idempotent) {
		this.ical = ical;
		this.idempotent = idempotent;
	}

	/** {@code {"export_url"}}. */
	record ExportJson(
			@Schema(description = "the secret URL of the listing's calendar (RFC 5545); anyone holding it can read the"
					+ " calendar", example = "https://api.example.com/api/v1/properties/0190b3c2-7a51-7cc4-9f43-5a2b0c1d2e3f/calendar.ics?token=kqY3…") String exportUrl) {
	}

	@GetMapping("/ical")
	@Operation(operationId = "getIcalExport", summary = "The listing's secret iCal export URL (its host)",
			description = HOST_ONLY + " The URL is made on the first call and stays the same until rotated; give it to"
					+ " another platform's calendar import.")
	@ApiResponse(responseCode = "200", description = "The export URL")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ExportJson export(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return new ExportJson(ical.exportUrl(actor, id, requestBase()));
	}

	@PostMapping("/ical/rotate")
	@Operation(operationId = "rotateIcalSecret", summary = "A new secret for the export URL (its host); the old URL stops working",
			description = HOST_ONLY + " The URL given before answers 404 from now on; the new one is returned.")
	@ApiResponse(responseCode = "200", description = "The new export URL")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ExportJson rotate(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return new ExportJson(ical.rotate(actor, id, requestBase()));
	}

	@GetMapping(path = "/calendar.ics", produces = TEXT_CALENDAR)
	@SecurityRequirements
	@Operation(operationId = "getIcalCalendar", summary = "The listing's calendar in iCalendar (RFC 5545), for whoever holds the secret",
			description = "No login: the `token` of the export URL is the credential; a wrong or missing one, or"
					+ " no such listing, is a 404 `not_found`. One all-day `VEVENT` per unavailable span (`SUMMARY`"
					+ " `Reserved` for a booking, unpaid holds included, `Not available` for the host's own"
					+ " blocks), from 30 days ago on, with a stable `UID` and no guest data. Blocks imported from"
					+ " other calendars are left out, so that no platform gets its own events back. Rate-limited per"
					+ " listing, not per caller (`ical-feed`, 60 a minute by default); a failed request counts against"
					+ " the caller's address as any anonymous call.")
	@ApiResponse(responseCode = "200", description = "The calendar",
			content = @Content(mediaType = TEXT_CALENDAR, schema = @Schema(type = "string",
					example = "BEGIN:VCALENDAR\r\nPRODID:-//Staybook//Calendar sync//EN\r\nVERSION:2.0\r\n…\r\nEND:VCALENDAR\r\n")))
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ResponseEntity<String> calendar(@PathVariable UUID id,
			@Parameter(description = "the secret of the export URL") @RequestParam(required = false) String token) {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noStore())
			.body(ical.calendar(id, token));
	}

	record ImportBody(
			@Schema(description = "an http or https URL of an iCalendar feed (another platform's export)",
					example = "https://www.airbnb.com/calendar/ical/12345.ics?s=abc") @NotBlank @CodePointLength(max = 2048) String url,
			@Schema(description = "a name for the host", example = "Airbnb") @NotBlank @CodePointLength(max = 100) String name) {
	}

	/** What identifies a creation: the same body for another listing is another request. */
	record ImportRequest(UUID propertyId, ImportBody body) {
	}

	record ConflictJson(LocalDate start, @Schema(description = "exclusive") LocalDate end) {
	}

	record ImportJson(UUID id, String url, String name,
			@Schema(nullable = true, description = "the latest successful sync; null before the first") Instant lastSyncedAt,
			@Schema(nullable = true, description = "why the latest sync failed, or what it skipped; null when it all went well") String lastError,
			@Schema(description = "imported events not blocked because a booking holds some of their nights (the booking is kept)") List<ConflictJson> conflicts) {

		static ImportJson of(IcalImport row) {
			return new ImportJson(row.id(), row.url(), row.name(), row.lastSyncedAt(), row.lastError(),
					row.conflicts().stream().map(c -> new ConflictJson(c.start(), c.end())).toList());
		}
	}

	@PostMapping("/ical-imports")
	@Operation(operationId = "createIcalImport", summary = "Import an external calendar as blocks (its host)",
			description = HOST_ONLY + " Only `http` and `https` URLs whose host name resolves to public addresses: a"
					+ " name that does not resolve, or resolves to any loopback, private, link-local, multicast or"
					+ " unspecified address, is a 400 `validation_failed` on `url`. The feed is fetched right after"
					+ " and every 15 minutes (10 s timeout, 1 MiB limit, each redirect checked again); its events"
					+ " become blocks tracked by `UID`, moved and removed with the feed. An event over a booking is"
					+ " listed in `conflicts` and never cancels it. At most 20 imports a listing (409"
					+ " `too_many_imports`)." + ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "Imported; synced right after")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<ImportJson> createImport(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Valid @RequestBody ImportBody body) {
		ImportUrl url = ical.vet(body.url());
		var outcome = idempotent.run(IdempotencyScope.user(actor.id()), key, new ImportRequest(id, body),
				IcalImport.class, () -> ical.createImport(actor, id, url, body.name()));
		ImportJson created = ImportJson.of(outcome.value());
		return IdempotentResponses.created(outcome,
				URI.create("/api/v1/properties/" + id + "/ical-imports/" + created.id()), created);
	}

	@GetMapping("/ical-imports")
	@Operation(operationId = "listIcalImports", summary = "The listing's imported calendars and their latest sync (its host)",
			description = HOST_ONLY + ApiDocs.NEWEST_FIRST_PAGES)
	@ApiResponse(responseCode = "200", description = "One page of imports")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Page<ImportJson> imports(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return ical.imports(actor, id, PageRequest.of(limit, cursor)).map(ImportJson::of);
	}

	@DeleteMapping("/ical-imports/{import_id}")
	@Operation(operationId = "deleteIcalImport", summary = "Stop importing a calendar and remove its blocks (its host)",
			description = HOST_ONLY + " An import of another listing, or none, is a 404 `not_found`. The host's own"
					+ " blocks stay.")
	@ApiResponse(responseCode = "204", description = "Removed, with its blocks")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ResponseEntity<Void> deleteImport(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@PathVariable("import_id") UUID importId) {
		ical.deleteImport(actor, id, importId);
		return ResponseEntity.noContent().build();
	}

	/** The caller's scheme, host and port, as the forwarded headers say behind a trusted proxy. */
	static String requestBase() {
		return ServletUriComponentsBuilder.fromCurrentContextPath().replacePath(null).replaceQuery(null).toUriString();
	}
}
