package io.staybook.property.web;

import io.staybook.property.CachedListing;
import io.staybook.property.HostBlock;
import io.staybook.property.Listing;
import io.staybook.property.ListingFields;
import io.staybook.property.PropertyDetails;
import io.staybook.property.PropertyService;
import io.staybook.property.PropertyType;
import io.staybook.property.SearchCriteria;
import io.staybook.property.SearchSort;
import io.staybook.property.web.PropertyResponses.AvailabilityJson;
import io.staybook.property.web.PropertyResponses.BlockJson;
import io.staybook.property.web.PropertyResponses.PropertyJson;
import io.staybook.property.web.PropertyResponses.SearchResult;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.OnCreate;
import io.staybook.shared.web.ApiDocs;
import io.staybook.shared.web.EvaluatesPreconditions;
import io.staybook.shared.web.Preconditions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterStyle;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.groups.Default;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.hibernate.validator.constraints.CodePointLength;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
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
@RequestMapping("/api/v1/properties")
@Tag(name = "Properties")
class PropertyController {

	/**
	 * {@code wifi,pool}: amenity slugs ({@link SearchCriteria#AMENITY_SLUG}) joined by commas, in ECMA-262 too; as
	 * {@code SearchCriteria} reads it, white space around a slug and empty entries are dropped.
	 */
	static final String AMENITY_LIST = "^\\s*([a-z0-9]+(_[a-z0-9]+)*)?\\s*(,\\s*([a-z0-9]+(_[a-z0-9]+)*)?\\s*)*$";

	/** The end of the descriptions of the listing's writes, which take the ETag its read sends. */
	private static final String PRECONDITIONS = " Conditional: with `If-Match` (the listing's `ETag` from `GET"
			+ " /properties/{id}`, compared strongly, or `*`) the change is made only if the listing is still as read,"
			+ " with `If-None-Match` only if it is not, else 412 `precondition_failed` and nothing changes.";

	private final PropertyService properties;

	private final Idempotent idempotent;

	private final SearchResults searchResults;

	PropertyController(PropertyService properties, Idempotent idempotent, SearchResults searchResults) {
		this.properties = properties;
		this.idempotent = idempotent;
		this.searchResults = searchResults;
	}

	@GetMapping
	@SecurityRequirements
	@Operation(operationId = "searchProperties", summary = "Search listings",
			description = "All filters are optional and combined with AND. Cursor-paged: pass next_cursor back as cursor."
					+ " Each result is a whole listing, or with `fields` only the members named there (a sparse"
					+ " fieldset: a list page can leave out the description); the README's \"Sparse fieldsets\".")
	@ApiResponse(responseCode = "200", description = "One page of listings")
	Page<SearchResult> search(
			@Parameter(description = "city, case-insensitive", example = "Lisbon") @RequestParam(required = false) String city,
			@Parameter(description = "country, case-insensitive", example = "Portugal") @RequestParam(required = false) String country,
			@Parameter(description = "full-text search over title and description, at most 256 characters", example = "sea view", schema = @Schema(type = "string", maxLength = SearchCriteria.MAX_QUERY_LENGTH)) @RequestParam(required = false) String q,
			@Parameter(description = "lowest base price per night, as an amount of the listing's currency (send `currency` to compare within one)", example = "50") @RequestParam(name = "min_price", required = false) BigDecimal minPrice,
			@Parameter(description = "highest base price per night, as an amount of the listing's currency (send `currency` to compare within one)", example = "200") @RequestParam(name = "max_price", required = false) BigDecimal maxPrice,
			@Parameter(description = "only listings priced in this ISO 4217 currency, so that min_price, max_price and the price sorts compare like with like (without it they compare the amounts as they are)", example = "USD") @RequestParam(required = false) String currency,
			@Parameter(description = "guests the listing must take at least", example = "2") @RequestParam(required = false) Integer guests,
			@Parameter(description = "apartment, house, guest_house, hotel or other") @RequestParam(name = "property_type", required = false) PropertyType propertyType,
			@Parameter(description = "comma-separated slugs, at most 50; the listing has all of them", example = "wifi,pool", style = ParameterStyle.FORM, explode = Explode.FALSE, schema = @Schema(type = "string", pattern = AMENITY_LIST))  @RequestParam(required = false) List<String> amenities,
			@Parameter(description = "only this host's listings") @RequestParam(name = "host_id", required = false) UUID hostId,
			@Parameter(description = "free from this night (with check_out)", example = "2027-03-01") @RequestParam(name = "check_in", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate checkIn,
			@Parameter(description = "until this morning, exclusive (with check_in)", example = "2027-03-05") @RequestParam(name = "check_out", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate checkOut,
			@Parameter(description = "latitude of the centre (with lng)", example = "38.7223") @RequestParam(required = false) Double lat,
			@Parameter(description = "longitude of the centre (with lat)", example = "-9.1393") @RequestParam(required = false) Double lng,
			@Parameter(description = "radius in km, more than 0 and at most 500 (with lat and lng)", example = "10") @RequestParam(name = "radius_km", required = false) Double radiusKm,
			@Parameter(description = "newest (default), price, -price, -rating, distance (needs lat and lng)",
					schema = @Schema(allowableValues = { "newest", "price", "-price", "-rating", "distance" })) @RequestParam(required = false) String sort,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = SearchDocs.FIELDS_PARAMETER, example = "id,title,price_per_night,currency", style = ParameterStyle.FORM, explode = Explode.FALSE, schema = @Schema(type = "string")) @RequestParam(required = false) List<String> fields) {
		SearchCriteria criteria = new SearchCriteria(city, country, q, minPrice, maxPrice, currency, guests, propertyType,
				amenities, hostId, checkIn, checkOut, lat, lng, radiusKm, SearchSort.fromJson(sort));
		ListingFields selected = ListingFields.of(fields);
		PageRequest page = PageRequest.of(limit, cursor);
		if (selected.isAll()) {
			return properties.search(criteria, page, selected, searchResults::of);
		}
		return properties.search(criteria, page, selected).map(listing -> SearchResult.of(listing, selected));
	}

	@PostMapping
	@Operation(operationId = "createProperty", summary = "List a property (hosts and admins)",
			description = "Hosts and admins only: a guest gets 403 `hosts_only` (and may become a host with `PATCH"
					+ " /api/v1/users/me`). `host_id` defaults to the caller; only an admin may name someone else"
					+ " (403 `not_your_listing` otherwise), who must be an existing host or admin, else 400"
					+ " `validation_failed`, as for `min_nights` above `max_nights`."
					+ ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "Listed")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	ResponseEntity<PropertyJson> create(@AuthenticationPrincipal Actor actor,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Validated({ Default.class, OnCreate.class }) @RequestBody PropertyBody body) {
		PropertyDetails details = body.toNewListing();
		var outcome = idempotent.run(IdempotencyScope.user(actor.id()), key, details, Listing.class,
				() -> properties.create(actor, details));
		PropertyJson created = PropertyJson.of(outcome.value());
		return IdempotentResponses.created(outcome, URI.create("/api/v1/properties/" + created.id()), created);
	}

	@GetMapping("/{id}")
	@SecurityRequirements
	@Operation(operationId = "getProperty", summary = "One listing; sends an ETag, and answers If-None-Match with 304",
			description = "Anyone, without a token. The answer carries a strong `ETag` and `Cache-Control:"
					+ " no-cache`: send the ETag back in `If-None-Match` to get a bodiless 304 while the listing is"
					+ " unchanged (`*` too); an `If-Match` that names none of its current ETag is a 412"
					+ " `precondition_failed`. A delisted or unknown listing is a 404 `not_found`.")
	@ApiResponse(responseCode = "200", description = "The listing")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@EvaluatesPreconditions
	ResponseEntity<PropertyJson> get(@PathVariable UUID id, HttpServletRequest request) {
		CachedListing listing = properties.detail(id);
		String etag = PropertyJson.etag(listing);
		// no-cache, not no-store: clients may keep the listing but must revalidate it with its ETag
		return switch (Preconditions.of(request).evaluate(etag)) {
			case FAILED -> throw Preconditions.failed();
			// 304 before the body is even built
			case NOT_MODIFIED -> ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				.eTag(etag)
				.cacheControl(CacheControl.noCache())
				.build();
			case PROCEED -> ResponseEntity.ok()
				.eTag(etag)
				.cacheControl(CacheControl.noCache())
				.body(PropertyJson.of(listing.listing()));
		};
	}

	/**
	 * The request's {@code If-Match} and {@code If-None-Match} as a check of the listing's current validator, made by
	 * the service with the listing's row locked; {@code null} when the request has neither.
	 */
	private static Consumer<String> precondition(HttpServletRequest request) {
		Preconditions conditions = Preconditions.of(request);
		return conditions.none() ? null : validator -> conditions.require(PropertyJson.etag(validator));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "updateProperty", summary = "Change a listing (its host or an admin); fields left out stay as they are",
			description = "The listing's host or an admin (403 `not_your_listing` for others; 404 `not_found` once"
					+ " delisted). A field left out stays as it is; `null`, any `host_id` (a listing keeps its"
					+ " host) and `min_nights` above `max_nights` are a 400 `validation_failed`. New prices and"
					+ " rules apply to bookings made from now on; existing bookings keep the ones copied onto them."
					+ " A new `currency` is a 409 `listing_has_nightly_prices` while nightly prices set with PUT"
					+ " /prices exist from today on (they are in the old currency; remove them first); those of past"
					+ " nights are removed with the change."
					+ PRECONDITIONS,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(ref = PropertyDocs.CHANGE))))
	@ApiResponse(responseCode = "200", description = "The changed listing")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	@EvaluatesPreconditions
	PropertyJson update(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@Valid @RequestBody PropertyBody body, HttpServletRequest request) {
		return PropertyJson.of(properties.update(actor, id, body.toChange(), precondition(request)));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteProperty", summary = "Delist a property (its host or an admin); refused while it has upcoming confirmed stays",
			description = "The listing's host or an admin (403 `not_your_listing` for others). Refused with 409"
					+ " `has_upcoming_stays` while a confirmed or checked-in stay there has not ended; cancel those"
					+ " bookings first. Its unpaid holds are cancelled with it (paying one is then 409"
					+ " `booking_not_payable`; a charge already under way is refunded in full) and its blocked dates"
					+ " removed. The listing then leaves search and answers 404, while its past bookings, payments and"
					+ " reviews are kept. See the README's removal rules." + PRECONDITIONS)
	@ApiResponse(responseCode = "204", description = "Delisted")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	@EvaluatesPreconditions
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			HttpServletRequest request) {
		properties.delete(actor, id, precondition(request));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/availability")
	@SecurityRequirements
	@Operation(operationId = "getAvailability", summary = "Booked and blocked nights in a window of at most 366 days",
			description = "Anyone, without a token; 404 `not_found` for no such listing. `from` defaults to today"
					+ " in the property's time zone and `to` (exclusive) to 90 days after `from`; `to` must be"
					+ " after `from` and at most 366 days later (400 `validation_failed`). Each span is `booked`"
					+ " (an active booking, unpaid holds included) or `blocked` by the host (with the `block_id` to"
					+ " delete it), has an exclusive `end`, and may reach outside the window.")
	@ApiResponse(responseCode = "200", description = "The unavailable spans, in date order")
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	AvailabilityJson availability(@PathVariable UUID id,
			@Parameter(description = "first night of the window; default today in the property's time zone", example = "2027-03-01") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "end of the window, exclusive; default 90 days after from", example = "2027-04-01") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return AvailabilityJson.of(properties.availability(id, from, to));
	}

	record BlockBody(@Schema(example = "2027-03-01") @NotNull LocalDate start,
			@Schema(example = "2027-03-08", description = "exclusive") @NotNull LocalDate end,
			@Schema(example = "Painting the kitchen", nullable = true) @CodePointLength(max = 500) String note) {
	}

	/** What identifies a block request: the same body for another listing is another request. */
	record BlockRequest(UUID propertyId, BlockBody block) {
	}

	@PostMapping("/{id}/blocks")
	@Operation(operationId = "createBlock", summary = "Close dates on the calendar (the listing's host)",
			description = "Only the listing's host, not admins (403 `not_your_listing`). `start` must not be in the"
					+ " past in the property's time zone nor over 730 days ahead (the booking horizon), and `end`"
					+ " (exclusive) must be after `start` and at most 730 days later (400 `validation_failed`). Dates overlapping a booking (unpaid holds"
					+ " included) or another block are a 409 `dates_unavailable`."
					+ ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "Blocked")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<BlockJson> block(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Valid @RequestBody BlockBody body) {
		var outcome = idempotent.run(IdempotencyScope.user(actor.id()), key, new BlockRequest(id, body), HostBlock.class,
				() -> properties.block(actor, id, body.start(), body.end(), body.note()));
		BlockJson block = BlockJson.of(outcome.value());
		return IdempotentResponses.created(outcome,
				URI.create("/api/v1/properties/" + id + "/blocks/" + block.id()), block);
	}

	@DeleteMapping("/{id}/blocks/{block_id}")
	@Operation(operationId = "deleteBlock", summary = "Reopen blocked dates (the listing's host)",
			description = "Only the listing's host, not admins (403 `not_your_listing`). `block_id` is the `id`"
					+ " returned when blocking, or a `blocked` span's `block_id` in the availability; an unknown"
					+ " id, or a booking's span, is a 404 `not_found`. The nights become bookable again at once.")
	@ApiResponse(responseCode = "204", description = "Unblocked")
	@ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ResponseEntity<Void> unblock(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@PathVariable("block_id") UUID blockId) {
		properties.unblock(actor, id, blockId);
		return ResponseEntity.noContent().build();
	}
}
