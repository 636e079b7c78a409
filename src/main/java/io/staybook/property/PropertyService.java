package io.staybook.property;

import io.staybook.shared.DomainException;
import io.staybook.shared.FieldErrors;
import io.staybook.shared.database.ReplicaReads;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.security.Role;
import io.staybook.user.UserService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Listings and their calendars: who may create and change them, and the rules their data must keep. */
@Service
public class PropertyService {

	static final int MAX_AVAILABILITY_DAYS = 366;

	static final int DEFAULT_AVAILABILITY_DAYS = 90;

	static final int MAX_BLOCK_DAYS = 730;

	/**
	 * The booking horizon, in days: the latest date a listing's calendar can be written from is today (where the
	 * listing is) plus this many days. A stay's check-in, a host block's start and a price range's start may not lie
	 * past it (400 {@code validation_failed}), so that nothing is sold, closed or priced for dates no guest can book.
	 */
	public static final int HORIZON_DAYS = 730;

	/** The longest range of {@code PUT /properties/{id}/prices}. */
	static final int MAX_PRICE_DAYS = 366;

	private final Properties properties;

	private final PropertyReader reader;

	private final PropertySearch search;

	private final Calendar calendar;

	private final UserService users;

	private final ListingRemovals removals;

	private final Clock clock;

	private final ListingMoney money;

	private final ListingPrices prices;

	PropertyService(Properties properties, PropertyReader reader, PropertySearch search, Calendar calendar,
			UserService users, ListingRemovals removals, Clock clock, ListingMoney money, ListingPrices prices) {
		this.prices = prices;
		this.properties = properties;
		this.reader = reader;
		this.search = search;
		this.calendar = calendar;
		this.users = users;
		this.removals = removals;
		this.clock = clock;
		this.money = money;
	}

	/**
	 * Hosts list their own properties; admins may list one for any host.
	 * @throws DomainException 403 {@code hosts_only} or {@code not_your_listing}; 400 {@code validation_failed} (on
	 *         {@code host_id} too when the host named is not an active host, or was deleted meanwhile); 401 when the
	 *         caller's own account was deleted meanwhile (V49)
	 */
	@Transactional
	public Listing create(Actor actor, PropertyDetails details) {
		if (actor.role() != Role.HOST && !actor.isAdmin()) {
			throw DomainException.forbidden("hosts_only",
					"Only hosts can list properties; become a host with PATCH /users/me {\"role\": \"host\"}.");
		}
		UUID hostId = details.hostId() == null ? actor.id() : details.hostId();
		if (!actor.is(hostId)) {
			if (!actor.isAdmin()) {
				throw DomainException.forbidden("not_your_listing", "Only admins may list a property for another host.");
			}
			Role hostRole = users.activeRole(hostId)
				.orElseThrow(() -> DomainException.invalidField("host_id", "is not an existing user"));
			if (hostRole == Role.GUEST) {
				throw DomainException.invalidField("host_id", "must be a host");
			}
		}
		checkNights(details.minNights(), details.maxNights());
		money.check(details.pricePerNight(), details.cleaningFee(), details.currency(), details.maxNights());
		checkPricing(null, details.pricePerNight(), details.cleaningFee(), details.currency(), details.maxNights(),
				details.maxGuests(), details.weekendPrice(), details.extraGuestFee(),
				Objects.requireNonNullElse(details.guestsIncluded(), details.maxGuests()), details.guestsIncluded(),
				false, LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of(details.timezone())));
		Property property = new Property(withHost(details, hostId), clock.instant());
		try {
			properties.saveAndFlush(property);
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.violates(ex, "properties_host_active")) {
				// the host's account was deleted while the listing waited for the deletion (V49)
				throw actor.is(hostId) ? DomainException.accountDeleted()
						: DomainException.invalidField("host_id", "is not an existing user");
			}
			throw ex;
		}
		return get(property.getId());
	}

	/** A listing and its host, as {@link #detail} reads them. */
	@ReplicaReads
	public Listing get(UUID id) {
		return detail(id).listing();
	}

	/**
	 * A listing, its host and their validator (for the ETag), through the listings cache and outside any transaction:
	 * a cached listing is one cache lookup, answered without a database connection, so it keeps being served while
	 * PostgreSQL is away (issue 11, item 8); a miss is one query.
	 *
	 * @throws DomainException 404 if the listing does not exist or is deleted
	 */
	@ReplicaReads
	public CachedListing detail(UUID id) {
		CachedListing listing = reader.find(id);
		if (listing == null) {
			throw DomainException.notFound("Property");
		}
		return listing;
	}

	/**
	 * The listing as other modules see it (bookings copy its prices and rules), through the cache. No transaction of
	 * its own: in the caller's if there is one, else a miss reads with a connection of its own.
	 */
	@ReplicaReads
	public PropertyView view(UUID id) {
		return detail(id).property();
	}

	/** Listings by id, for showing many bookings at once: one query, whatever the number. */
	@Transactional(readOnly = true)
	public Map<UUID, PropertyView> views(java.util.Collection<UUID> ids) {
		Map<UUID, PropertyView> views = new java.util.HashMap<>();
		reader.findAll(java.util.Set.copyOf(ids)).forEach(view -> views.put(view.id(), view));
		return views;
	}

	/**
	 * Listings by id in the order given, as {@link #detail} reads them (through the listings cache, its misses in one
	 * query): for lists of listings kept by other modules. Deleted and unknown listings are left out.
	 */
	public java.util.List<Listing> listings(java.util.List<UUID> ids) {
		return reader.findMany(ids).stream().map(CachedListing::listing).toList();
	}

	/**
	 * Locks the listing's row for share until the caller's transaction ends, so that it cannot be removed meanwhile
	 * (its removal waits, or the caller waits for the removal).
	 * @throws DomainException 404 if the listing does not exist or is deleted
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void lockListed(UUID id) {
		if (!reader.lockListed(id)) {
			throw DomainException.notFound("Property");
		}
	}

	/** {@link #search(SearchCriteria, PageRequest, ListingFields)} with every field. */
	@ReplicaReads
	public Page<Listing> search(SearchCriteria criteria, PageRequest page) {
		return search(criteria, page, ListingFields.ALL);
	}

	/**
	 * One page of listings with their hosts' names, from one SQL statement (see {@link PropertySearch}); with fewer
	 * {@code fields}, the others are left unread (null, or 0 for numbers). No transaction: the one statement reads one
	 * snapshot by itself.
	 * @throws DomainException 400 {@code validation_failed} for filters that break the contract's rules
	 */
	@ReplicaReads
	public Page<Listing> search(SearchCriteria criteria, PageRequest page, ListingFields fields) {
		return search(criteria, page, fields, ListingRow::listing);
	}

	/**
	 * {@link #search(SearchCriteria, PageRequest, ListingFields)}, each result made by {@code read} from its row while
	 * the row is current: a reader that already holds a listing at the row's version reads no more of it.
	 * @throws DomainException 400 {@code validation_failed} for filters that break the contract's rules
	 */
	@ReplicaReads
	public <T> Page<T> search(SearchCriteria criteria, PageRequest page, ListingFields fields,
			Function<ListingRow, T> read) {
		criteria.validate();
		return search.search(criteria, page, fields, read);
	}

	/**
	 * Changes the listing by {@code change} (null fields stay), checked against the listing as it will be.
	 * @throws DomainException 404 when it does not exist, 403 when the actor is neither its host nor an admin, 400
	 * for a change that breaks a listing rule
	 */
	@Transactional
	public Listing update(Actor actor, UUID id, PropertyDetails change) {
		return update(actor, id, change, null);
	}

	/**
	 * {@link #update(Actor, UUID, PropertyDetails)} after {@code precondition} accepted the listing's current
	 * validator (as {@link CachedListing#validator()}), read with its row locked, so that no other write comes between
	 * the check and the change; {@code null} for none.
	 *
	 * @throws DomainException whatever {@code precondition} throws (a 412), and as the other
	 */
	@Transactional
	public Listing update(Actor actor, UUID id, PropertyDetails change, Consumer<String> precondition) {
		Property property = owned(actor, id);
		check(id, precondition);
		checkNights(Objects.requireNonNullElse(change.minNights(), property.minNights()),
				Objects.requireNonNullElse(change.maxNights(), property.maxNights()));
		// against the listing as it will be: a new currency or max_nights must suit the stored prices, and vice versa
		money.check(Objects.requireNonNullElse(change.pricePerNight(), property.pricePerNight()),
				Objects.requireNonNullElse(change.cleaningFee(), property.cleaningFee()),
				Objects.requireNonNullElse(change.currency(), property.currency()),
				Objects.requireNonNullElse(change.maxNights(), property.maxNights()));
		String currency = Objects.requireNonNullElse(change.currency(), property.currency());
		int maxGuests = Objects.requireNonNullElse(change.maxGuests(), property.maxGuests());
		checkPricing(id, Objects.requireNonNullElse(change.pricePerNight(), property.pricePerNight()),
				Objects.requireNonNullElse(change.cleaningFee(), property.cleaningFee()), currency,
				Objects.requireNonNullElse(change.maxNights(), property.maxNights()), maxGuests,
				change.clearWeekendPrice() || change.weekendPrice() != null ? change.weekendPrice()
						: property.weekendPrice(),
				Objects.requireNonNullElse(change.extraGuestFee(), property.extraGuestFee()),
				change.guestsIncluded() != null ? change.guestsIncluded()
						: Property.includedAfter(property.guestsIncluded(), property.maxGuests(), maxGuests),
				change.guestsIncluded(), !currency.equals(property.currency()),
				LocalDate.ofInstant(clock.instant(), property.zone()));
		if (!currency.equals(property.currency())) {
			prices.overridesBlockingCurrencyChange(id, LocalDate.ofInstant(clock.instant(), property.zone()))
				.ifPresent(night -> {
					throw pricesInCurrency(property.currency(), night);
				});
		}
		property.apply(change, clock.instant());
		try {
			properties.flush();
		}
		catch (DataIntegrityViolationException ex) {
			if (SqlStates.violates(ex, "property_prices_in_listing_currency")) {
				throw pricesInCurrency(property.currency(), null);
			}
			throw ex;
		}
		reader.evict(id);
		// not get(id): the eviction waits for the commit, so the cache would still answer with the old listing
		return reader.load(id).listing();
	}

	/**
	 * The host or an admin removes a listing (404 if it is unknown or already deleted, 403 for anyone else, 409
	 * {@code has_upcoming_stays} while paid stays have not ended). In one transaction, with the listing's row locked
	 * first: its holds are cancelled, its host blocks removed, and it leaves search and detail (the README's "Removal
	 * rules").
	 */
	@Transactional
	public void delete(Actor actor, UUID id) {
		delete(actor, id, null);
	}

	/**
	 * {@link #delete(Actor, UUID)} after {@code precondition} accepted the listing's current validator, as in
	 * {@link #update(Actor, UUID, PropertyDetails, Consumer)}; {@code null} for none.
	 */
	@Transactional
	public void delete(Actor actor, UUID id, Consumer<String> precondition) {
		Property property = owned(actor, id);
		check(id, precondition);
		removals.remove(property, actor.id());
	}

	/** Hands a locked listing's validator to a caller's precondition, when there is one. */
	private void check(UUID id, Consumer<String> precondition) {
		if (precondition != null) {
			precondition.accept(reader.load(id).validator());
		}
	}

	/**
	 * The listing a booking is made or changed on, read from its row and locked until the transaction ends: every
	 * write decision (price, nights limits, guests, policy, whether it is still listed) is taken from this, never from
	 * the cache, which may be stale on another node. The lock also orders writers of one listing's calendar: bookings
	 * take it before they insert, so that their inserts never wait on each other inside the exclusion constraint
	 * (where PostgreSQL can only break the tie by a deadlock). The constraint, not this lock, guarantees no overlap.
	 *
	 * @throws DomainException 404 if the listing does not exist or is deleted
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public PropertyView lockForBooking(UUID id) {
		PropertyView locked = reader.loadForUpdate(id);
		if (locked == null) {
			throw DomainException.notFound("Property");
		}
		return locked;
	}

	/**
	 * {@link #lockForBooking(UUID)} with the listing's pricing rules for the nights [from, to) (its overrides there),
	 * read by the same statement: what a booking is made or changed at.
	 *
	 * @throws DomainException 404 if the listing does not exist or is deleted
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public PricedListing lockForBooking(UUID id, LocalDate from, LocalDate to) {
		PricedListing locked = reader.loadForUpdate(id, from, to);
		if (locked == null) {
			throw DomainException.notFound("Property");
		}
		return locked;
	}

	/** A listing's aggregates over its published reviews: average rating, count and per-category averages. */
	public record Rating(java.math.BigDecimal average, int count, Ratings ratings) {
	}

	/**
	 * Recomputes a listing's rating in the caller's transaction: the listing's row is locked first, so that concurrent
	 * review changes are applied one after another and none is lost; then {@code compute} reads the reviews.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void updateRating(UUID id, java.util.function.Function<UUID, Rating> compute) {
		rerate(id, compute, null);
	}

	/**
	 * {@link #updateRating(UUID, java.util.function.Function)} for reviews that were published at {@code publishedAt}
	 * (their window's end) and read so since: the listing is written updated then, or when it was last changed if later,
	 * as its readers saw it meanwhile (V40's {@code listing_rating_due}).
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public void updateRating(UUID id, java.util.function.Function<UUID, Rating> compute, Instant publishedAt) {
		rerate(id, compute, publishedAt);
	}

	private void rerate(UUID id, java.util.function.Function<UUID, Rating> compute, Instant publishedAt) {
		// a delisted listing's reviews can still change (an author deleting theirs), so deleted rows count here
		Property property = properties.findForUpdate(id).orElseThrow(() -> DomainException.notFound("Property"));
		Rating rating = compute.apply(id);
		property.rate(rating.average(), rating.count(), publishedAt == null ? clock.instant() : publishedAt,
				publishedAt != null);
		properties.flush();
		properties.rate(id, rating.ratings().literal());
		reader.evict(id);
	}

	/**
	 * A review of the listing was written that will be published by its window closing (if not sooner): the listing's
	 * cached copy, which was read without it and so does not know when its aggregates next change
	 * ({@link CachedListing#until()}), is dropped when the caller's transaction commits.
	 */
	public void reviewPending(UUID id) {
		reader.evict(id);
	}

	/** The booked and blocked nights between {@code from} (default: today there) and {@code to} (default: 90 days on). */
	@Transactional(readOnly = true)
	@ReplicaReads
	public Availability availability(UUID id, LocalDate from, LocalDate to) {
		PropertyView property = view(id);
		LocalDate start = from != null ? from : LocalDate.ofInstant(clock.instant(), property.zone());
		LocalDate end = to != null ? to : start.plusDays(DEFAULT_AVAILABILITY_DAYS);
		new FieldErrors().require(start.isBefore(end), "to", "must be after from")
			.require(ChronoUnit.DAYS.between(start, end) <= MAX_AVAILABILITY_DAYS, "to",
					"must be at most 366 days after from")
			.throwIfAny();
		return new Availability(id, start, end, calendar.unavailable(id, start, end));
	}

	/** The owner closes dates; refused (409) where a booking or another block already holds any of them. */
	@Transactional
	public HostBlock block(Actor actor, UUID id, LocalDate start, LocalDate end, String note) {
		Property property = hostOnly(actor, id);
		LocalDate today = LocalDate.ofInstant(clock.instant(), property.zone());
		new FieldErrors().require(!start.isBefore(today), "start", "must not be in the past")
			.require(withinHorizon(start, today), "start", beyondHorizon())
			.require(start.isBefore(end), "end", "must be after start")
			.require(ChronoUnit.DAYS.between(start, end) <= MAX_BLOCK_DAYS, "end",
					"must be at most 730 days after start")
			.throwIfAny();
		return calendar.block(property.getId(), start, end, note, actor.id(), clock.instant());
	}

	/**
	 * Removes the host's block {@code blockId} from the listing's calendar.
	 * @throws DomainException 404 when the listing or the block does not exist, 403 when the actor is not its host
	 */
	@Transactional
	public void unblock(Actor actor, UUID id, UUID blockId) {
		hostOnly(actor, id);
		if (!calendar.unblock(id, blockId)) {
			throw DomainException.notFound("Block");
		}
	}

	/** The calendar is the host's own: the contract lets only the listing's host close and reopen dates. */
	private Property hostOnly(Actor actor, UUID id) {
		Property property = properties.findActiveForUpdate(id).orElseThrow(() -> DomainException.notFound("Property"));
		if (!property.isOwnedBy(actor.id())) {
			throw DomainException.forbidden("not_your_listing", "Only the listing's host may block or unblock dates.");
		}
		return property;
	}

	/**
	 * A listing anyone can see, that only its host or an admin may change (403 for others), its row locked until the
	 * transaction ends. Also the photos' rule ({@link PhotoService}).
	 */
	Property owned(Actor actor, UUID id) {
		Property property = properties.findActiveForUpdate(id).orElseThrow(() -> DomainException.notFound("Property"));
		if (!property.isOwnedBy(actor.id()) && !actor.isAdmin()) {
			throw notYours();
		}
		return property;
	}

	/**
	 * The 409 for a change of currency while the listing has nightly prices (PUT /prices) from {@code night} on
	 * (null: not known), which are in {@code currency}: they would be read in the new one.
	 */
	private static DomainException pricesInCurrency(String currency, LocalDate night) {
		return DomainException.conflict("listing_has_nightly_prices", "The listing has nightly prices in " + currency
				+ (night == null ? "" : " from " + night) + " (set with PUT /prices); remove them (price_per_night"
				+ " null) before changing its currency.");
	}

	/** {@link #owned} from the cache, without a lock: a check before long work, which {@link #owned} repeats. */
	PropertyView ownedView(Actor actor, UUID id) {
		PropertyView property = view(id);
		if (!actor.is(property.hostId()) && !actor.isAdmin()) {
			throw notYours();
		}
		return property;
	}

	private static DomainException notYours() {
		return DomainException.forbidden("not_your_listing", "Only the listing's host or an admin may do this.");
	}

	/**
	 * The pricing rules of the listing as it will be ({@code id} null for a new one): {@code guests_included} (when
	 * sent) at most {@code max_guests}, the weekend price and extra-guest fee in the currency's minor unit, overrides
	 * still fitting a changed currency, and the longest stay at the dearest night with every guest within our columns.
	 */
	private void checkPricing(UUID id, java.math.BigDecimal base, java.math.BigDecimal cleaningFee, String currency,
			int maxNights, int maxGuests, java.math.BigDecimal weekend, java.math.BigDecimal extraGuestFee,
			int guestsIncluded, Integer guestsIncludedSent, boolean currencyChanged, LocalDate today) {
		new FieldErrors()
			.require(guestsIncludedSent == null || guestsIncludedSent <= maxGuests, "guests_included",
					"must not exceed max_guests (" + maxGuests + ")")
			.throwIfAny();
		money.checkRules(weekend, extraGuestFee, currency);
		if (id != null && currencyChanged && prices.overridesUnfit(id, currency, today)) {
			throw DomainException.invalidField("currency", "some nightly prices set with PUT /prices have more decimal"
					+ " places than " + currency + " allows; set them again first");
		}
		java.math.BigDecimal dearest = prices.dearestNight(id, base, weekend, extraGuestFee,
				Math.max(0, maxGuests - guestsIncluded), today);
		money.checkLongestStay(dearest, cleaningFee, currency, maxNights,
				dearest.compareTo(base) == 0 ? "price_per_night" : weekend != null && dearest.compareTo(weekend) == 0
						? "weekend_price" : "extra_guest_fee");
	}

	/**
	 * A listing's pricing rules for the nights [from, to), with its overrides there, read in the caller's transaction:
	 * what a stay is priced by ({@code booking.Price}). {@code listing} is the caller's copy (the locked row for a
	 * booking, the cached listing for a quote).
	 */
	public PriceRules priceRules(PropertyView listing, LocalDate from, LocalDate to) {
		return prices.rules(listing, from, to);
	}

	/**
	 * The listing's nights between {@code from} and {@code to}, with the same defaults and limits as
	 * {@link #availability} (at most 366 days), each with its price and whether it can be booked.
	 * @throws DomainException 404 for no such listing, 400 for a bad window
	 */
	@Transactional(readOnly = true)
	@ReplicaReads
	public PriceCalendar calendar(UUID id, LocalDate from, LocalDate to) {
		Availability availability = availability(id, from, to);
		PropertyView property = view(id);
		return prices.calendar(property, availability, LocalDate.ofInstant(clock.instant(), property.zone()));
	}

	/**
	 * The owner sets the nightly price of each date of [from, to), over the base and weekend price, or with a null
	 * {@code price} removes the overrides there. {@code from} not in the past (in the listing's time zone), at most
	 * {@value #MAX_PRICE_DAYS} nights; the price positive, in the currency's minor unit, and within the longest-stay
	 * bound. The listing's version moves (its ETag and cached copies with it).
	 * @return the calendar of [from, to)
	 * @throws DomainException 404, 403 {@code not_your_listing}, 400 {@code validation_failed}
	 */
	@Transactional
	public PriceCalendar setPrices(Actor actor, UUID id, LocalDate from, LocalDate to, java.math.BigDecimal price) {
		Property property = properties.findActiveForUpdate(id).orElseThrow(() -> DomainException.notFound("Property"));
		if (!property.isOwnedBy(actor.id())) {
			throw DomainException.forbidden("not_your_listing", "Only the listing's host may set its prices.");
		}
		LocalDate today = LocalDate.ofInstant(clock.instant(), property.zone());
		new FieldErrors().require(!from.isBefore(today), "from", "must not be in the past (today is " + today + " there)")
			.require(withinHorizon(from, today), "from", beyondHorizon())
			.require(from.isBefore(to), "to", "must be after from")
			.require(ChronoUnit.DAYS.between(from, to) <= MAX_PRICE_DAYS, "to",
					"must be at most " + MAX_PRICE_DAYS + " days after from")
			.require(price == null || price.signum() > 0, "price_per_night", "must be more than 0, or null to remove")
			.throwIfAny();
		io.staybook.shared.money.Money nightly = null;
		if (price != null) {
			nightly = io.staybook.shared.money.InvalidMoney.onField("price_per_night",
					() -> new io.staybook.shared.money.Money(price, property.currency()));
			PropertyView view = reader.loadForUpdate(id);
			money.checkLongestStay(price.add(view.extraGuestFee()
				.multiply(java.math.BigDecimal.valueOf(Math.max(0, view.maxGuests() - view.guestsIncluded())))),
					view.cleaningFee(), view.currency(), view.maxNights(), "price_per_night");
		}
		prices.set(id, from, to, nightly, clock.instant());
		reader.evict(id);
		PropertyView now = reader.loadForUpdate(id);
		return prices.calendar(now, new Availability(id, from, to, calendar.unavailable(id, from, to)), today);
	}

	/**
	 * Whether {@code date}, the first date a write of the calendar touches (a check-in, a block's start, a price range's
	 * start), is within the booking horizon ({@value #HORIZON_DAYS} days) of {@code today} where the listing is.
	 */
	public static boolean withinHorizon(LocalDate date, LocalDate today) {
		return !date.isAfter(today.plusDays(HORIZON_DAYS));
	}

	/** The message of a 400 for a date past the booking horizon. */
	public static String beyondHorizon() {
		return "must be at most " + HORIZON_DAYS + " days ahead";
	}

	private static void checkNights(Integer minNights, Integer maxNights) {
		new FieldErrors()
			.require(minNights == null || maxNights == null || minNights <= maxNights, "min_nights",
					"must not exceed max_nights")
			.throwIfAny();
	}

	private static PropertyDetails withHost(PropertyDetails d, UUID hostId) {
		return new PropertyDetails(hostId, d.title(), d.description(), d.propertyType(), d.address(), d.city(),
				d.country(), d.latitude(), d.longitude(), d.timezone(), d.pricePerNight(), d.cleaningFee(),
				d.currency(), d.maxGuests(), d.bedrooms(), d.beds(), d.bathrooms(), d.amenities(), d.minNights(),
				d.maxNights(), d.cancellationPolicy(), d.instantBook(), d.weekendPrice(), d.clearWeekendPrice(),
				d.weeklyDiscountPercent(), d.monthlyDiscountPercent(), d.guestsIncluded(), d.extraGuestFee());
	}
}
