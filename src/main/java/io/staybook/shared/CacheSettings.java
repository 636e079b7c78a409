package io.staybook.shared;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much heap each in-process cache may hold: Caffeine's, used when {@code spring.data.redis.url} is unset (in Redis
 * the entries live outside the heap and this does not apply). A cache is bounded by the estimated bytes of its entries
 * ({@link Weighed#weight()}; a value that does not say weighs {@link #UNWEIGHED_ENTRY}) plus {@link #ENTRY_OVERHEAD} a
 * key and its cache node; past the bound Caffeine evicts the entries least likely to be read again.
 * <p>
 * The defaults are sized for the production heap of 256 MiB ({@code -Xmx256m}, docs/operations.md "Memory, collector
 * and start-up"): the listings cache's 16 MiB (application.yaml) holds about 11,000 listings of the load data set
 * (about 1.4 KB each), as many as the count of 10,000 it replaces, but no more than 16 MiB of listings with long
 * descriptions either (up to 10,000 characters: about 11 KB each). With a bigger heap, raise them in proportion, e.g.
 * {@code STAYBOOK_CACHE_LOCALSIZES_PROPERTIES=64MB} with {@code -Xmx1g}.
 *
 * @param localSizes the bound of each cache by its name ({@link CachedType#name()}); a cache not named here gets the
 * bound named {@code default}, and {@link #DEFAULT_SIZE} if there is none. 0 keeps nothing.
 */
@ConfigurationProperties("staybook.cache")
public record CacheSettings(@DefaultValue Map<String, DataSize> localSizes) {

	/** The bound of a cache named neither by itself nor by {@code default}. */
	public static final DataSize DEFAULT_SIZE = DataSize.ofMegabytes(8);

	/** What a key (a UUID, a string), Caffeine's node for it and its expiry stamps hold besides the value. */
	static final int ENTRY_OVERHEAD = 112;

	/** What a value that is not {@link Weighed} counts for. */
	static final int UNWEIGHED_ENTRY = 1024;

	/** Copies {@code localSizes}. */
	public CacheSettings {
		localSizes = Map.copyOf(localSizes);
	}

	/** The bound of the named cache, in bytes. */
	public long localSize(String cache) {
		return localSizes.getOrDefault(cache, localSizes.getOrDefault("default", DEFAULT_SIZE)).toBytes();
	}

	/** What one entry counts for against its cache's bound. */
	static int weight(Object key, Object value) {
		return ENTRY_OVERHEAD + (value instanceof Weighed weighed ? weighed.weight() : UNWEIGHED_ENTRY);
	}
}
