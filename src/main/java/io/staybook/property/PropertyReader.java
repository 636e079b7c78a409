package io.staybook.property;

import java.util.UUID;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one listing by id through the {@value #CACHE} cache. Every write that changes what this returns calls
 * {@link #evict}; the cache is transaction-aware, so the eviction happens when the write commits. Until then the cache
 * still holds the listing as it was, so a write that answers with the listing it changed reads it with {@link #load},
 * past the cache.
 */
@Component
class PropertyReader {

	static final String CACHE = "properties";

	private final JdbcClient jdbc;

	PropertyReader(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Cacheable(cacheNames = CACHE, unless = "#result == null")
	public PropertyView find(UUID id) {
		return load(id);
	}

	/** The listing as this transaction sees it, never from the cache (nor put into it). */
	public PropertyView load(UUID id) {
		return jdbc.sql("select " + PropertyRows.COLUMNS + " from properties p where p.id = ? and p.deleted_at is null")
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

	@CacheEvict(cacheNames = CACHE)
	public void evict(UUID id) {
	}
}
