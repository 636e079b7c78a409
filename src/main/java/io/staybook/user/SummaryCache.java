package io.staybook.user;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.staybook.shared.CachedType;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Accounts' public summaries (id, first name) by id, in the {@value #CACHE} cache: what a listing shows of its host, so
 * that a cached listing is answered without PostgreSQL (issue 11, item 8). The same scheme as the listings cache
 * ({@code property.PropertyReader}): a change stores a {@link Tombstone} at its commit, and a reader that missed stores
 * what it loaded only with {@code putIfAbsent}, so an older copy is never put back over a change; a tombstoned account
 * is read from PostgreSQL until the tombstone expires with the cache's time to live. In Redis an entry is JSON with its
 * kind: {@code {"kind":"summary","id":"…","firstName":"Ada"}} or {@code {"kind":"tombstone"}}.
 */
@Component
class SummaryCache {

	static final String CACHE = "user-summaries";

	private final CacheManager caches;

	SummaryCache(CacheManager caches) {
		this.caches = caches;
	}

	/** Static: the cache manager, which this class needs, is built from the declared caches. */
	@Bean
	static CachedType userSummariesCache() {
		return new CachedType(CACHE, Entry.class);
	}

	/** The summary of {@code id}: from the cache, or else from {@code load} (empty: no such account, not cached). */
	Optional<UserSummary> find(UUID id, Function<UUID, Optional<UserSummary>> load) {
		Cache cache = caches.getCache(CACHE);
		Cache.ValueWrapper cached = cache.get(id);
		if (cached != null && cached.get() instanceof Summary summary) {
			return Optional.of(new UserSummary(summary.id(), summary.firstName()));
		}
		Optional<UserSummary> loaded = load.apply(id);
		if (cached == null && loaded.isPresent()) {
			cache.putIfAbsent(id, new Summary(loaded.get().id(), loaded.get().firstName()));
		}
		return loaded;
	}

	/** Called by every change of what a summary shows (a rename, a deletion); takes effect when the change commits. */
	void evict(UUID id) {
		caches.getCache(CACHE).put(id, Tombstone.INSTANCE);
	}

	/** What the cache holds under an account's id: its summary, or the mark that it changed since. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Summary.class, name = "summary"),
			@JsonSubTypes.Type(value = Tombstone.class, name = "tombstone") })
	sealed interface Entry permits Summary, Tombstone {
	}

	/** A cached summary. */
	record Summary(UUID id, String firstName) implements Entry {
	}

	/** Marks an account changed since it was last cached. */
	record Tombstone() implements Entry {

		static final Tombstone INSTANCE = new Tombstone();

	}
}
