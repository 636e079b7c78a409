package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.IntegrationTest;
import java.util.UUID;

/** The default cache, with no Redis configured: Caffeine, in this process. */
@IntegrationTest
class PropertyCacheIntegrationTests extends PropertyCacheContract {

	@Override
	boolean storeHolds(UUID id) {
		return caffeine().getIfPresent(id) instanceof CachedListing;
	}

	@Override
	void removeFromStore(UUID id) {
		caffeine().invalidate(id);
	}

	@Override
	void assertStore(Object nativeCache) {
		assertThat(nativeCache).isInstanceOf(com.github.benmanes.caffeine.cache.Cache.class);
	}

	@SuppressWarnings("unchecked")
	private com.github.benmanes.caffeine.cache.Cache<Object, Object> caffeine() {
		return (com.github.benmanes.caffeine.cache.Cache<Object, Object>) cache().getNativeCache();
	}
}
