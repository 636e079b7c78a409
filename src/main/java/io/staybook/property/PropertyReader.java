package io.staybook.property;

import io.staybook.user.AccountRenamed;
import io.staybook.user.UserSummary;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one listing by id, with its host's summary, through the {@value #CACHE} cache, without ever putting back a
 * listing older than the last write to it or to its host's name.
 * <p>
 * A plain evict-on-write cache has a race: a reader that loaded the row just before a write committed can store that
 * old copy just after the write's eviction, and it is then served until it expires. So a write does not evict: at its
 * commit it stores a {@link ListingCache.Tombstone} under the listing's key; and a reader that missed stores what it loaded only
 * with {@code putIfAbsent}, which fails once a tombstone is there. A tombstoned listing is read from PostgreSQL
 * until the tombstone expires with the cache's time to live. Writes are rare next to reads, so little is lost. A host's
 * rename tombstones all the host's listings the same way ({@link #evictListingsOf}), so that the name shown with a
 * listing is never older than the rename on this node either (nor on any node, with Redis).
 */
@Component
class PropertyReader {

	static final String CACHE = "properties";

	private final JdbcClient jdbc;

	private final CacheManager caches;

	private final Clock clock;

	PropertyReader(JdbcClient jdbc, CacheManager caches, Clock clock) {
		this.jdbc = jdbc;
		this.caches = caches;
		this.clock = clock;
	}

	/**
	 * The listing with its host and validator, through the cache: a hit is one cache lookup, without a transaction or
	 * a connection; a miss is one query ({@link #load}). Null if the listing does not exist or is deleted.
	 */
	public CachedListing find(UUID id) {
		Cache cache = caches.getCache(CACHE);
		Cache.ValueWrapper cached = cache.get(id);
		Instant now = clock.instant();
		if (cached != null && cached.get() instanceof CachedListing listing && listing.isCurrent(now)) {
			return listing;
		}
		CachedListing loaded = load(id, now);
		// a copy past its time (a review of it published since, by its window closing) is left, like a tombstone,
		// until the sweep's write tombstones it or it expires: it is never served
		if (cached == null && loaded != null && loaded.isCurrent(now)) {
			cache.putIfAbsent(id, loaded);
		}
		return loaded;
	}

	/**
	 * The listing with its host as this transaction sees them, in one query, never from the cache (nor put into it);
	 * null if the listing does not exist or is deleted. A deleted host's row is kept, anonymised, and so is its
	 * summary.
	 */
	public CachedListing load(UUID id) {
		return load(id, clock.instant());
	}

	private CachedListing load(UUID id, Instant now) {
		return jdbc.sql(LOAD + " where p.id = ? and p.deleted_at is null")
			.params(Timestamp.from(now), id)
			.query(PropertyReader::cached)
			.optional()
			.orElse(null);
	}

	/**
	 * What {@link #load} and {@link #findMany} read: a listing with its host's name, version and cover, its reviews
	 * published by their window closing by the first parameter ({@link PropertyRows#dueJoin}) and when the next such
	 * moment is (an indexed lookup per listing read).
	 */
	private static final String LOAD = "select " + PropertyRows.COLUMNS + ", " + PropertyRows.cover(true)
			+ ", p.version, u.first_name as host_first_name, " + PropertyRows.DUE_COLUMNS
			+ ", listing_rating_next_due(p.id) as rating_next_due from properties p"
			+ " left join users u on u.id = p.host_id" + PropertyRows.dueJoin("?");

	private static CachedListing cached(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		PropertyView view = PropertyRows.rated(rs, row);
		String hostName = rs.getString("host_first_name");
		Timestamp next = rs.getTimestamp("rating_next_due");
		return CachedListing.of(view, hostName == null ? null : new UserSummary(view.hostId(), hostName),
				rs.getLong("version"), PropertyRows.reviewsDue(rs), next == null ? null : next.toInstant());
	}

	/**
	 * Many listings by id, as {@link #find} reads one: a cache lookup each, and the misses in one query together, so
	 * that the statements do not grow with the number of ids. Deleted and unknown listings are left out; the others keep
	 * the order of {@code ids}.
	 */
	public java.util.List<CachedListing> findMany(java.util.List<UUID> ids) {
		Cache cache = caches.getCache(CACHE);
		java.util.Map<UUID, CachedListing> found = new java.util.HashMap<>();
		java.util.Set<UUID> tombstoned = new java.util.HashSet<>();
		java.util.List<UUID> missed = new java.util.ArrayList<>();
		Instant now = clock.instant();
		for (UUID id : ids) {
			Cache.ValueWrapper cached = cache.get(id);
			if (cached != null && cached.get() instanceof CachedListing listing && listing.isCurrent(now)) {
				found.put(id, listing);
			}
			else {
				missed.add(id);
				if (cached != null) {
					tombstoned.add(id);
				}
			}
		}
		if (!missed.isEmpty()) {
			jdbc.sql(LOAD + " where p.id = any(?) and p.deleted_at is null")
				.params(Timestamp.from(now), missed.toArray(UUID[]::new))
				.query(PropertyReader::cached)
				.list()
				.forEach(listing -> {
					UUID id = listing.property().id();
					found.put(id, listing);
					if (!tombstoned.contains(id) && listing.isCurrent(now)) {
						cache.putIfAbsent(id, listing);
					}
				});
		}
		return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
	}

	/**
	 * Whether the listing exists and is not deleted, its row share-locked until the transaction ends if so: its removal
	 * (which locks the row for update) then waits for the caller to commit, or the caller waits for the removal and
	 * finds it deleted. For records of other modules that must never point at a removed listing.
	 */
	public boolean lockListed(UUID id) {
		return !jdbc.sql("select 1 from properties where id = ? and deleted_at is null for share")
			.param(id)
			.query(Integer.class)
			.list()
			.isEmpty();
	}

	/**
	 * The listing as this transaction sees it, its row locked ({@code for no key update}) until the transaction ends;
	 * null if it does not exist or is deleted. Without its cover photo (null): no write decides by it. What a write decides from (a booking's price and rules) is read here,
	 * never from the cache.
	 */
	public PropertyView loadForUpdate(UUID id) {
		return jdbc
			.sql("select " + PropertyRows.COLUMNS + ", " + PropertyRows.cover(false)
					+ " from properties p where p.id = ? and p.deleted_at is null for no key update")
			.param(id)
			.query(PropertyRows::map)
			.optional()
			.orElse(null);
	}

	/**
	 * As {@link #loadForUpdate(UUID)}, with the listing's pricing rules for the nights [from, to): its overrides there
	 * read by the same statement ({@link NightlyPrices#IN_WINDOW}), so that a booking's write costs no statement more.
	 */
	public PricedListing loadForUpdate(UUID id, java.time.LocalDate from, java.time.LocalDate to) {
		return jdbc
			.sql("select " + PropertyRows.COLUMNS + ", " + PropertyRows.cover(false) + ", " + NightlyPrices.IN_WINDOW
					+ " from properties p where p.id = ? and p.deleted_at is null for no key update")
			.params(from, to, from, to, id)
			.query((rs, row) -> {
				PropertyView view = PropertyRows.map(rs, row);
				return new PricedListing(view, PriceRules.of(view, NightlyPrices.read(rs)));
			})
			.optional()
			.orElse(null);
	}

	/** Many listings in one query, deleted ones included (a past booking still shows where it was). */
	public java.util.List<PropertyView> findAll(java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return java.util.List.of();
		}
		return jdbc
			.sql("select " + PropertyRows.COLUMNS + ", " + PropertyRows.cover(true) + ", " + PropertyRows.DUE_COLUMNS
					+ " from properties p" + PropertyRows.dueJoin("?") + " where p.id = any(?)")
			.params(Timestamp.from(clock.instant()), ids.toArray(UUID[]::new))
			.query(PropertyRows::rated)
			.list();
	}

	/** Called by every write that changes what {@link #find} returns; takes effect when the write commits. */
	public void evict(UUID id) {
		caches.getCache(CACHE).put(id, ListingCache.Tombstone.INSTANCE);
	}

	/**
	 * A host's first name changed ({@link AccountRenamed}, published in the renaming transaction): every listing of the
	 * host is tombstoned as if written, since its cache entry shows the name and its ETag covers it. Deleted listings
	 * too (a tombstone is harmless there). One indexed query and one cache write per listing; renames are rare.
	 */
	@EventListener
	void evictListingsOf(AccountRenamed renamed) {
		jdbc.sql("select id from properties where host_id = ?")
			.param(renamed.accountId())
			.query(UUID.class)
			.list()
			.forEach(this::evict);
	}
}
