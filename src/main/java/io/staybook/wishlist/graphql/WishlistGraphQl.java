package io.staybook.wishlist.graphql;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.staybook.property.Listing;
import io.staybook.property.PropertyView;
import io.staybook.shared.graphql.Connections;
import io.staybook.shared.graphql.Connections.Connection;
import io.staybook.shared.graphql.IdempotentResults;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.security.Actor;
import io.staybook.wishlist.Wishlist;
import io.staybook.wishlist.WishlistService;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Wishlists over GraphQL: the same service calls, and rules, as the REST endpoints. A list's listings are a page of
 * {@code Property}, whose hosts, photos and reviews the property module's batch loaders fetch for the whole page.
 */
@Controller
class WishlistGraphQl {

	/** The property module's batch loader of {@code Property.host}: Spring for GraphQL names it by its coordinates. */
	private static final String HOST_LOADER = "Property.host";

	private final WishlistService wishlists;

	private final Idempotent idempotent;

	WishlistGraphQl(WishlistService wishlists, Idempotent idempotent) {
		this.wishlists = wishlists;
		this.idempotent = idempotent;
	}

	record WishlistInput(String name) {
	}

	@QueryMapping
	Connection<Wishlist> wishlists(@AuthenticationPrincipal Actor actor, @Argument Integer first,
			@Argument String after) {
		var page = Connections.page(first, after);
		return Connections.of(wishlists.list(actor, page), page);
	}

	@QueryMapping
	Wishlist wishlist(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		return wishlists.get(actor, id);
	}

	/**
	 * A page of the list's listings; their hosts come with them (from the listings cache) and are handed to the batch
	 * loader of {@code Property.host} beforehand, so that they cost no query of their own.
	 */
	@SchemaMapping(typeName = "Wishlist")
	Connection<PropertyView> properties(@AuthenticationPrincipal Actor actor, Wishlist wishlist,
			@Argument Integer first, @Argument String after, DataFetchingEnvironment env) {
		var page = Connections.page(first, after);
		return Connections.primed(wishlists.listings(actor, wishlist.id(), page), page, Listing::property,
				Listing::host, env.getDataLoader(HOST_LOADER));
	}

	@MutationMapping
	DataFetcherResult<Wishlist> createWishlist(@AuthenticationPrincipal Actor actor, @Argument WishlistInput input,
			@Argument String idempotencyKey) {
		Actor owner = Actor.required(actor);
		return IdempotentResults.of(idempotent.run(IdempotencyScope.user(owner.id()), idempotencyKey, input,
				Wishlist.class, () -> wishlists.create(owner, input.name())));
	}

	@MutationMapping
	Wishlist updateWishlist(@AuthenticationPrincipal Actor actor, @Argument UUID id, @Argument WishlistInput input) {
		return wishlists.rename(actor, id, input.name());
	}

	@MutationMapping
	boolean deleteWishlist(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		wishlists.delete(actor, id);
		return true;
	}

	@MutationMapping
	Wishlist addToWishlist(@AuthenticationPrincipal Actor actor, @Argument UUID id, @Argument UUID propertyId) {
		wishlists.add(actor, id, propertyId);
		return wishlists.get(actor, id);
	}

	@MutationMapping
	Wishlist removeFromWishlist(@AuthenticationPrincipal Actor actor, @Argument UUID id, @Argument UUID propertyId) {
		wishlists.remove(actor, id, propertyId);
		return wishlists.get(actor, id);
	}
}
