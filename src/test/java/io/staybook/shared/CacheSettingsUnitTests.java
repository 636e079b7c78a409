package io.staybook.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cache.caffeine.CaffeineCache;

/**
 * The in-process caches are bounded by {@code staybook.cache.local-sizes}: by name, else {@code default}, else 8 MiB;
 * in the estimated bytes of their entries, so that a cache of large entries keeps fewer of them.
 */
class CacheSettingsUnitTests {

	static CacheSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("staybook.cache", CacheSettings.class);
	}

	@SuppressWarnings("unchecked")
	static Cache<Object, Object> caffeine(String name, CacheSettings settings) {
		return (Cache<Object, Object>) CacheConfig.caffeineCache(name, settings).getNativeCache();
	}

	static long maximum(Cache<Object, Object> cache) {
		return cache.policy().eviction().orElseThrow().getMaximum();
	}

	@Test
	void eachCacheGetsItsOwnSizeOrTheDefault() {
		CacheSettings settings = bind(Map.of("staybook.cache.local-sizes.properties", "32MB",
				"staybook.cache.local-sizes.default", "2MB"));

		assertThat(maximum(caffeine("properties", settings))).isEqualTo(32L * 1024 * 1024);
		assertThat(maximum(caffeine("other", settings))).isEqualTo(2L * 1024 * 1024);
		assertThat(maximum(caffeine("other", bind(Map.of())))).isEqualTo(CacheSettings.DEFAULT_SIZE.toBytes());
	}

	@Test
	void theBoundIsInBytesOfTheEntriesNotInEntries() {
		CacheSettings settings = bind(Map.of("staybook.cache.local-sizes.small", "100KB"));
		Cache<Object, Object> cache = caffeine("small", settings);
		Weighed tenKilobytes = () -> 10 * 1024 - CacheSettings.ENTRY_OVERHEAD;

		for (int i = 0; i < 100; i++) {
			cache.put(i, tenKilobytes);
		}
		cache.cleanUp();

		assertThat(cache.estimatedSize()).isEqualTo(10);
		assertThat(cache.policy().eviction().orElseThrow().weightedSize()).hasValue(100L * 1024);
	}

	@Test
	void aValueThatDoesNotWeighItselfCountsAKilobyte() {
		assertThat(CacheSettings.weight("key", "value"))
			.isEqualTo(CacheSettings.ENTRY_OVERHEAD + CacheSettings.UNWEIGHED_ENTRY);
	}

	@Test
	void zeroKeepsNothing() {
		Cache<Object, Object> cache = caffeine("none", bind(Map.of("staybook.cache.local-sizes.none", "0")));
		cache.put("key", "value");
		cache.cleanUp();

		assertThat(cache.estimatedSize()).isZero();
	}

	@Test
	void stringsWeighAByteACharacterWhenLatin1AndTwoOtherwise() {
		assertThat(Weighed.string("a".repeat(1000)) - Weighed.string("")).isEqualTo(1000);
		assertThat(Weighed.string("東".repeat(1000)) - Weighed.string("")).isEqualTo(2000);
		assertThat(Weighed.string(null)).isZero();
	}

	@Test
	void theCacheIsSpringsCaffeineCache() {
		assertThat(CacheConfig.caffeineCache("properties", bind(Map.of()))).isInstanceOf(CaffeineCache.class);
	}
}
