package io.staybook.property;

import java.util.UUID;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one listing by id through the {@value #CACHE} cache, without ever putting back a listing older than the last
 * write.
 * <p>
 * A plain evict-on-write cache has a race: a reader that loaded the row just before a write committed can store that
 * old copy just after the write's eviction, and it is then served until it expires. So a write does not evict: at its
 * commit it stores a {@link ListingCache.Tombstone} under the listing's key; and a reader that missed stores what it loaded only
 * with {@code putIfAbsent}, which fails once a tombstone is there. A tombstoned listing is read from PostgreSQL
 * until the tombstone expires with the cache's time to live. Writes are rare next to reads, so little is lost.
 */
@Component
class PropertyReader {

	static final String CACHE = "properties";

	private final JdbcClient jdbc;

	private final CacheManager caches;

	PropertyReader(JdbcClient jdbc, CacheManager caches) {
		this.jdbc = jdbc;
		this.caches = caches;
	}

	public PropertyView find(UUID id) {
		Cache cache = caches.getCache(CACHE);
		Cache.ValueWrapper cached = cache.get(id);
		if (cached != null && cached.get() instanceof PropertyView view) {
			return view;
		}
		PropertyView loaded = load(id);
		if (cached == null && loaded != null) {
			cache.putIfAbsent(id, loaded);
		}
		return loaded;
	}

	/** The listing as this transaction sees it, never from the cache (nor put into it). */
	public PropertyView load(UUID id) {
		return listed(id, "");
	}

	/**
	 * The listing as this transaction sees it, its row locked ({@code for no key update}) until the transaction ends;
	 * null if it does not exist or is deleted. What a write decides from (a booking's price and rules) is read here,
	 * never from the cache.
	 */
	public PropertyView loadForUpdate(UUID id) {
		return listed(id, " for no key update");
	}

	/** The listing if it exists and is not deleted, else null; {@code locking}: a locking clause, or empty. */
	private PropertyView listed(UUID id, String locking) {
		return jdbc
			.sql("select " + PropertyRows.COLUMNS + " from properties p where p.id = ? and p.deleted_at is null"
					+ locking)
			.param(id)
			.query(PropertyRows::map)
			.optional()
			.orElse(null);
	}

	/** Many listings in one query, deleted ones included (a past booking still shows where it was). */
	public java.util.List<PropertyView> findAll(java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return java.util.List.of();
		}
		return jdbc.sql("select " + PropertyRows.COLUMNS + " from properties p where p.id = any(?)")
			.param(ids.toArray(UUID[]::new))
			.query(PropertyRows::map)
			.list();
	}

	/** Called by every write that changes what {@link #find} returns; takes effect when the write commits. */
	public void evict(UUID id) {
		caches.getCache(CACHE).put(id, ListingCache.Tombstone.INSTANCE);
	}
}
