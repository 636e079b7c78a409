package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.IntegrationTest;
import io.staybook.test.TestRedis;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared cache: a real Redis, the one named by {@code STAYBOOK_TEST_REDIS_URL} or else an embedded server
 * ({@link TestRedis}).
 */
@IntegrationTest
class PropertyRedisCacheIntegrationTests extends PropertyCacheContract {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", TestRedis::url);
	}

	@Autowired
	StringRedisTemplate redis;

	/** The key under which the listing is stored, as another node would look it up. */
	static String key(UUID id) {
		return "staybook:" + PropertyReader.CACHE + "::" + id;
	}

	@Override
	boolean storeHolds(UUID id) {
		// read through Redis itself, but decoded: a tombstone left by a write is not a listing
		if (!Boolean.TRUE.equals(redis.hasKey(key(id)))) {
			return false;
		}
		var entry = cache().get(id);
		return entry != null && entry.get() instanceof PropertyView;
	}

	@Override
	void removeFromStore(UUID id) {
		redis.delete(key(id));
	}

	@Override
	void assertStore(Object nativeCache) {
		assertThat(nativeCache).isInstanceOf(RedisCacheWriter.class);
	}

	@Test
	void cachedListingsExpire() {
		UUID id = uncachedListing();
		api.get(path(id)).send();

		Long ttl = redis.getExpire(key(id));

		assertThat(ttl).isNotNull().isPositive().isLessThanOrEqualTo(600);
	}
}
