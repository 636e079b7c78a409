package io.staybook.wishlist.web;

import io.staybook.property.web.PropertyResponses.PropertyJson;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.idempotency.IdempotentResponses;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.web.ApiDocs;
import io.staybook.wishlist.Wishlist;
import io.staybook.wishlist.WishlistService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Wishlists over REST: a user's private lists of listings (api-contract.md, "Wishlists"). */
@RestController
@RequestMapping("/api/v1/wishlists")
@Tag(name = "Wishlists")
class WishlistController {

	private static final String OWNER_ONLY = "The list's owner only: anyone else, admins included, gets 404"
			+ " `not_found`.";

	private final WishlistService wishlists;

	private final Idempotent idempotent;

	WishlistController(WishlistService wishlists, Idempotent idempotent) {
		this.wishlists = wishlists;
		this.idempotent = idempotent;
	}

	/** {@code {"name"}}: 1 to 100 characters once trimmed (the service checks, for GraphQL alike). */
	record NameBody(@Schema(description = "1 to 100 characters; leading and trailing spaces are trimmed",
			example = "Summer in Lisbon", minLength = 1, maxLength = 100) @NotNull String name) {
	}

	@Schema(name = "Wishlist")
	record WishlistJson(UUID id, String name,
			@Schema(description = "the listings in it (removed listings leave every list)") int propertyCount,
			Instant createdAt,
			@Schema(description = "the owner's last rename, add or remove") Instant updatedAt) {

		static WishlistJson of(Wishlist list) {
			return new WishlistJson(list.id(), list.name(), list.propertyCount(), list.createdAt(), list.updatedAt());
		}
	}

	@PostMapping
	@Operation(operationId = "createWishlist", summary = "Create a wishlist",
			description = "Any signed-in user; the list is private to its creator. At most 100 lists an account (409"
					+ " `too_many_wishlists`)." + ApiDocs.IDEMPOTENT_CREATE)
	@ApiResponse(responseCode = "201", description = "Created, empty")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<WishlistJson> create(@AuthenticationPrincipal Actor actor,
			@RequestHeader(name = IdempotentResponses.KEY_HEADER, required = false) String key,
			@Valid @RequestBody NameBody body) {
		Actor owner = Actor.required(actor);
		var outcome = idempotent.run(IdempotencyScope.user(owner.id()), key, body, Wishlist.class,
				() -> wishlists.create(owner, body.name()));
		WishlistJson created = WishlistJson.of(outcome.value());
		return IdempotentResponses.created(outcome, URI.create("/api/v1/wishlists/" + created.id()), created);
	}

	@GetMapping
	@Operation(operationId = "listWishlists", summary = "The caller's wishlists",
			description = "Only the caller's own." + ApiDocs.NEWEST_FIRST_PAGES)
	@ApiResponse(responseCode = "200", description = "One page of wishlists")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	Page<WishlistJson> list(@AuthenticationPrincipal Actor actor,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return wishlists.list(actor, PageRequest.of(limit, cursor)).map(WishlistJson::of);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getWishlist", summary = "One of the caller's wishlists", description = OWNER_ONLY)
	@ApiResponse(responseCode = "200", description = "The wishlist")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	WishlistJson get(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		return WishlistJson.of(wishlists.get(actor, id));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "updateWishlist", summary = "Rename a wishlist",
			description = OWNER_ONLY + " `updated_at` moves with every rename.")
	@ApiResponse(responseCode = "200", description = "The renamed wishlist")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	WishlistJson rename(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@Valid @RequestBody NameBody body) {
		return WishlistJson.of(wishlists.rename(actor, id, body.name()));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteWishlist", summary = "Delete a wishlist", description = OWNER_ONLY
			+ " The listings in it are not touched.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
		wishlists.delete(actor, id);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/{id}/properties/{property_id}")
	@Operation(operationId = "addToWishlist", summary = "Add a listing to a wishlist (idempotent)",
			description = OWNER_ONLY + " No body. The listing goes first in the list; adding one that is in it"
					+ " already is a 204 that changes nothing (neither its place nor `updated_at`). No such listing, or"
					+ " a removed one, is a 404 `not_found`. At most 1,000 listings a list (409 `wishlist_full`).")
	@ApiResponse(responseCode = "204", description = "In the list")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	ResponseEntity<Void> add(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@PathVariable("property_id") UUID propertyId) {
		wishlists.add(actor, id, propertyId);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{id}/properties/{property_id}")
	@Operation(operationId = "removeFromWishlist", summary = "Take a listing out of a wishlist (idempotent)",
			description = OWNER_ONLY + " A listing that is not in the list is a 204 too, changing nothing.")
	@ApiResponse(responseCode = "204", description = "Not in the list")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	ResponseEntity<Void> remove(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@PathVariable("property_id") UUID propertyId) {
		wishlists.remove(actor, id, propertyId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/properties")
	@Operation(operationId = "listWishlistProperties", summary = "The listings of a wishlist",
			description = OWNER_ONLY + " Each as `GET /properties` shows it, `cover_photo` included; most recently"
					+ " added first. Removed listings are gone from it. Cursor-paged: `limit` defaults to 20 and is"
					+ " clamped to 1–100; pass `next_cursor` back as `cursor` until it is null (a cursor not made by the"
					+ " service is a 400 `validation_failed`).")
	@ApiResponse(responseCode = "200", description = "One page of listings")
	@ApiResponse(responseCode = "401", ref = ApiDocs.UNAUTHORIZED)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Page<PropertyJson> listings(@AuthenticationPrincipal Actor actor, @PathVariable UUID id,
			@Parameter(description = "page size, 1 to 100 (default 20)") @RequestParam(required = false) Integer limit,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		return wishlists.listings(actor, id, PageRequest.of(limit, cursor)).map(PropertyJson::of);
	}
}
