package io.staybook.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * A failing cache store is left alone by reads for {@link CacheOutage#RETRY} after a failure, so that a Redis outage
 * does not cost every read its command timeout; invalidating writes are still tried; a store that answers again is
 * used again.
 */
class CacheOutageUnitTests {

	private final AtomicLong now = new AtomicLong();

	private final CacheOutage outage = new CacheOutage(now::get);

	private final FlakyStore store = new FlakyStore();

	private final Cache cache = new CacheConfig.FailSafeCache(store, outage);

	@Test
	void afterAFailureReadsSkipTheStoreUntilTheRetryTime() {
		store.down = true;
		assertThat(cache.get("a")).isNull();
		assertThat(store.calls).hasValue(1);

		cache.get("a");
		cache.putIfAbsent("a", "value");
		assertThat(store.calls).as("skipped while the outage lasts").hasValue(1);

		now.addAndGet(CacheOutage.RETRY.toNanos());
		store.down = false;
		cache.putIfAbsent("a", "value");
		assertThat(cache.get("a")).isNotNull();
		assertThat(store.calls).hasValue(3);
	}

	@Test
	void invalidatingWritesAreTriedEvenDuringAnOutage() {
		store.down = true;
		cache.get("a");

		cache.put("a", "tombstone");
		cache.evict("b");

		assertThat(store.calls).hasValue(3);
	}

	/** A store whose every call fails while {@code down}, as Lettuce's do while Redis is away. */
	static final class FlakyStore extends ConcurrentMapCache {

		volatile boolean down;

		final AtomicInteger calls = new AtomicInteger();

		FlakyStore() {
			super("flaky");
		}

		@Override
		public ValueWrapper get(Object key) {
			call();
			return super.get(key);
		}

		@Override
		public ValueWrapper putIfAbsent(Object key, Object value) {
			call();
			return super.putIfAbsent(key, value);
		}

		@Override
		public void put(Object key, Object value) {
			call();
			super.put(key, value);
		}

		@Override
		public void evict(Object key) {
			call();
			super.evict(key);
		}

		private void call() {
			calls.incrementAndGet();
			if (down) {
				throw new RedisConnectionFailureException("Unable to connect to Redis");
			}
		}
	}
}
