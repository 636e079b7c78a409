package io.staybook.wishlist;

import io.staybook.property.Listing;
import io.staybook.property.PropertyService;
import io.staybook.shared.DomainException;
import io.staybook.shared.FieldErrors;
import io.staybook.shared.Ids;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.Characters;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Wishlists for REST and GraphQL alike. A list is its owner's alone: anyone else, admins included, gets 404 for it.
 * Both limits are the database's (V24): at most {@value #MAX_LISTS} lists an account (409 {@code too_many_wishlists})
 * and {@value #MAX_LISTINGS} listings a list (409 {@code wishlist_full}), whatever the number of concurrent requests.
 */
@Service
public class WishlistService {

	/** Lists an account may have (the contract's "at most 100 lists"; V24's trigger). */
	static final int MAX_LISTS = 100;

	/** Listings a list may hold (the contract's "at most 1,000 a list"; V24's check). */
	static final int MAX_LISTINGS = 1000;

	private static final int MAX_NAME = 100;

	private final WishlistRows rows;

	private final PropertyService properties;

	private final Clock clock;

	WishlistService(WishlistRows rows, PropertyService properties, Clock clock) {
		this.rows = rows;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A new, empty list named {@code name} (1 to 100 characters once trimmed).
	 * @throws DomainException 400 {@code validation_failed} on {@code name}; 409 {@code too_many_wishlists}; 401 when
	 *         the account was deleted meanwhile (V46)
	 */
	@Transactional
	public Wishlist create(Actor actor, String name) {
		Actor owner = Actor.required(actor);
		String checked = name(name);
		UUID id = Ids.newId();
		try {
			rows.insert(id, owner.id(), checked, clock.instant());
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.violates(ex, "wishlists_per_user")) {
				throw DomainException.conflict("too_many_wishlists",
						"An account has at most " + MAX_LISTS + " wishlists; delete one first.");
			}
			if (SqlStates.violates(ex, "wishlists_owner_active")) {
				throw DomainException.accountDeleted();
			}
			throw ex;
		}
		return rows.find(owner.id(), id).orElseThrow();
	}

	/** The caller's lists, newest first, cursor-paged. */
	@Transactional(readOnly = true)
	public Page<Wishlist> list(Actor actor, PageRequest page) {
		Actor owner = Actor.required(actor);
		return Page.of(rows.page(owner.id(), page.afterId(), page.fetchSize()), page.limit(),
				list -> Cursors.encode(list.id()));
	}

	/** @throws DomainException 404 for a list that is not the caller's */
	@Transactional(readOnly = true)
	public Wishlist get(Actor actor, UUID id) {
		return rows.find(Actor.required(actor).id(), id).orElseThrow(WishlistService::notFound);
	}

	/**
	 * Renames the list; {@code updatedAt} moves even when the name is the same (a write happened).
	 * @throws DomainException 400 {@code validation_failed} on {@code name}; 404 for a list that is not the caller's
	 */
	@Transactional
	public Wishlist rename(Actor actor, UUID id, String name) {
		Actor owner = Actor.required(actor);
		String checked = name(name);
		if (!rows.rename(owner.id(), id, checked, clock.instant())) {
			throw notFound();
		}
		return rows.find(owner.id(), id).orElseThrow();
	}

	/** Deletes the list and what it holds. @throws DomainException 404 for a list that is not the caller's */
	@Transactional
	public void delete(Actor actor, UUID id) {
		if (!rows.delete(Actor.required(actor).id(), id)) {
			throw notFound();
		}
	}

	/**
	 * Adds a listing to the list, first in its order. Idempotent: a listing already in it stays where it was, and
	 * nothing changes ({@code updatedAt} neither). The listing's row is share-locked first, then the list's (the order
	 * of a listing's removal), so that a listing being removed is either taken out with the others or refused here.
	 * @throws DomainException 404 for no such listing (or a deleted one) or a list that is not the caller's; 409
	 * {@code wishlist_full} at {@value #MAX_LISTINGS} listings
	 */
	@Transactional
	public void add(Actor actor, UUID id, UUID propertyId) {
		Actor owner = Actor.required(actor);
		properties.lockListed(propertyId);
		if (!rows.lock(owner.id(), id)) {
			throw notFound();
		}
		try {
			if (rows.add(id, propertyId, clock.instant())) {
				rows.touch(id, clock.instant());
			}
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.violates(ex, "wishlists_property_limit")) {
				throw DomainException.conflict("wishlist_full",
						"A wishlist holds at most " + MAX_LISTINGS + " listings; remove one first.");
			}
			throw ex;
		}
	}

	/**
	 * Takes a listing out of the list. Idempotent: a listing not in it (or no longer listed) is no change, and no error.
	 * @throws DomainException 404 for a list that is not the caller's
	 */
	@Transactional
	public void remove(Actor actor, UUID id, UUID propertyId) {
		Actor owner = Actor.required(actor);
		if (!rows.lock(owner.id(), id)) {
			throw notFound();
		}
		if (rows.remove(id, propertyId)) {
			rows.touch(id, clock.instant());
		}
	}

	/**
	 * The list's listings, most recently added first, cursor-paged, each as {@code GET /properties/{id}} shows it
	 * (through the listings cache): three statements at most, whatever the page's size.
	 * @throws DomainException 404 for a list that is not the caller's; 400 for a bad cursor
	 */
	@Transactional(readOnly = true)
	public Page<Listing> listings(Actor actor, UUID id, PageRequest page) {
		Actor owner = Actor.required(actor);
		WishlistRows.Entry after = after(page.cursor());
		if (rows.find(owner.id(), id).isEmpty()) {
			throw notFound();
		}
		List<WishlistRows.Entry> entries = rows.entries(id, after, page.fetchSize());
		Page<WishlistRows.Entry> keys = Page.of(entries, page.limit(),
				e -> Cursors.encode(e.addedAt(), e.propertyId()));
		Map<UUID, Listing> found = properties.listings(keys.results().stream().map(WishlistRows.Entry::propertyId)
			.toList()).stream().collect(Collectors.toMap(l -> l.property().id(), Function.identity()));
		// a listing removed since the page was read (it leaves every list as it goes) is left out
		List<Integer> kept = java.util.stream.IntStream.range(0, keys.results().size())
			.filter(i -> found.containsKey(keys.results().get(i).propertyId()))
			.boxed()
			.toList();
		return new Page<>(kept.stream().map(i -> found.get(keys.results().get(i).propertyId())).toList(),
				keys.nextCursor(), kept.stream().map(i -> keys.cursors().get(i)).toList());
	}

	private static WishlistRows.Entry after(String cursor) {
		if (cursor == null) {
			return null;
		}
		List<String> keys = Cursors.decode(cursor, 2);
		try {
			return new WishlistRows.Entry(Ids.parse(keys.get(1)), Cursors.instant(keys.get(0)));
		}
		catch (IllegalArgumentException ex) {
			throw Cursors.invalid();
		}
	}

	private static String name(String name) {
		String stripped = name == null ? "" : name.strip();
		int length = Characters.count(stripped);
		new FieldErrors()
			.require(!Characters.isBlank(stripped) && length <= MAX_NAME, "name", "must be 1 to 100 characters")
			.throwIfAny();
		return stripped;
	}

	private static DomainException notFound() {
		return DomainException.notFound("Wishlist");
	}
}
