package io.staybook.shared;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.cache.metrics.CaffeineCacheMeterBinderProvider;
import org.springframework.boot.cache.metrics.RedisCacheMeterBinderProvider;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.SerializationException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One cache configuration for the application: Redis, shared by every node, when {@code spring.data.redis.url} is set;
 * otherwise Caffeine in this process, each cache bounded by the heap its entries hold ({@link CacheSettings}). The caches are those the modules declare as {@link CachedType} beans; in Redis
 * each holds JSON of its declared type under a key prefix that carries the type's version, so a deploy that changes a
 * cached record never reads the old entries, and an entry that cannot be read all the same (written by hand, or in an
 * older format under the same key) is a quiet miss: evicted, logged at DEBUG, and loaded again. Both stores are
 * transaction-aware (an eviction made in a transaction happens when it commits), and a cache that fails is logged and
 * bypassed, so a Redis outage slows reads but never fails them. That
 * holds for the writes done at commit too, which run outside the caching interceptor and so outside its error handler:
 * {@link FailSafeCache} hands their failures to the same handler.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CacheConfig implements CachingConfigurer {

	static final Duration TTL = Duration.ofMinutes(10);

	/**
	 * The cache's own JSON mapper, not the web's (whose naming and strictness follow the API contract): default
	 * names, ISO instants, and strict reading, so that an entry of another shape is an error rather than a half-filled
	 * record.
	 */
	static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
				DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final Logger log = LoggerFactory.getLogger(CacheConfig.class);

	private static final CacheErrorHandler ERRORS = new LoggingCacheErrorHandler("io.staybook.cache", false);

	/**
	 * Redis when {@code spring.data.redis.url} is set, Caffeine otherwise: chosen when the bean is made, not by a bean
	 * condition, so that an AOT-processed jar (whose beans are fixed at build time) follows the setting too.
	 */
	@Bean
	CacheManager cacheManager(@Value("${spring.data.redis.url:}") String redisUrl,
			ObjectProvider<RedisConnectionFactory> connections, List<CachedType> caches, CacheSettings settings) {
		return redisUrl.isBlank() ? caffeineCacheManager(caches, settings)
				: redisCacheManager(connections.getObject(), caches);
	}

	static CacheManager redisCacheManager(RedisConnectionFactory connections, List<CachedType> caches) {
		log.info("Caching in Redis");
		// Immediate writes: by default the writer puts and evicts asynchronously (with Lettuce), so an eviction could
		// land after the write that made it had answered, and a failed one went unnoticed.
		RedisCacheWriter writer = RedisCacheWriter.create(connections, configurer -> configurer.immediateWrites());
		Map<String, RedisCacheConfiguration> configurations = new HashMap<>();
		for (CachedType cache : caches) {
			configurations.put(cache.name(), redisCacheConfiguration(cache));
		}
		RedisCacheManager redis = RedisCacheManager.builder(writer)
			.withInitialCacheConfigurations(configurations)
			.disableCreateOnMissingCache()
			// hits and misses for the cache meters (cacheMeters below)
			.enableStatistics()
			.build();
		redis.afterPropertiesSet();
		return new FailSafeTransactionAwareCacheManager(redis);
	}

	/**
	 * Each declared cache in this process's heap, bounded by the estimated bytes of its entries
	 * ({@link CacheSettings}), its entries expiring {@link #TTL} after they were written.
	 */
	static CacheManager caffeineCacheManager(List<CachedType> caches, CacheSettings settings) {
		// only the declared caches, as with Redis: an undeclared one fails here too, not first in production
		SimpleCacheManager manager = new SimpleCacheManager();
		manager.setCaches(caches.stream().map(cache -> caffeineCache(cache.name(), settings)).toList());
		manager.afterPropertiesSet();
		return new FailSafeTransactionAwareCacheManager(manager);
	}

	static CaffeineCache caffeineCache(String name, CacheSettings settings) {
		return new CaffeineCache(name, Caffeine.newBuilder()
			.expireAfterWrite(TTL)
			.maximumWeight(settings.localSize(name))
			.weigher(CacheSettings::weight)
			// hits and misses for the cache meters (cacheMeters below)
			.recordStats()
			.build());
	}

	/** JSON of the declared type, never Java serialization; strict, so that a stored older shape fails to read. */
	static RedisCacheConfiguration redisCacheConfiguration(CachedType cache) {
		JacksonJsonRedisSerializer<Object> json = new JacksonJsonRedisSerializer<>(JSON,
				JSON.constructType(cache.valueType()));
		return RedisCacheConfiguration.defaultCacheConfig()
			.entryTtl(TTL)
			.disableCachingNullValues()
			.computePrefixWith(name -> cache.keyPrefix())
			.serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(json));
	}

	/**
	 * Redis is part of health only when it is configured (the auto-configured indicator is off in application.yaml), and
	 * then never fails it: without Redis every request still works (the cache is bypassed), so a dead Redis is
	 * {@value #REDIS_DOWN}, which ranks below UP ({@code management.endpoint.health.status.order}) and shows with its
	 * details to admins, instead of DOWN, which would make every node's health DOWN and a load balancer drop them all.
	 * Registered as the component {@code redis} when the application starts, not by a bean condition (see
	 * {@link #cacheManager}).
	 */
	@Bean
	InitializingBean redisHealth(@Value("${spring.data.redis.url:}") String redisUrl,
			ObjectProvider<RedisConnectionFactory> connections, ObjectProvider<HealthContributorRegistry> health) {
		return () -> {
			if (!redisUrl.isBlank()) {
				health.ifAvailable(registry -> registry.registerContributor("redis",
						redisHealthIndicator(connections.getObject())));
			}
		};
	}

	static HealthIndicator redisHealthIndicator(RedisConnectionFactory connections) {
		HealthIndicator redis = new DataRedisHealthIndicator(connections);
		return () -> {
			Health health = redis.health();
			return Status.DOWN.equals(health.getStatus())
					? Health.status(REDIS_DOWN).withDetails(health.getDetails()).build() : health;
		};
	}

	/** The status of a configured Redis that does not answer. */
	static final String REDIS_DOWN = "DEGRADED";

	/**
	 * The cache meters ({@code cache.gets{cache,result=hit|miss}}, {@code cache.puts}, ...) of the store under the
	 * fail-safe wrapper: Boot's {@code CacheMetricsRegistrar} unwraps the transaction-aware decorator and knows
	 * Caffeine's and Redis's caches, not {@link FailSafeCache}. On Redis the counts are this node's.
	 */
	@Bean
	CacheMeterBinderProvider<FailSafeCache> cacheMeters() {
		return new FailSafeCacheMeters();
	}

	static final class FailSafeCacheMeters implements CacheMeterBinderProvider<FailSafeCache> {

		@Override
		public MeterBinder getMeterBinder(FailSafeCache cache, Iterable<Tag> tags) {
			return switch (cache.target) {
				case CaffeineCache caffeine -> new CaffeineCacheMeterBinderProvider().getMeterBinder(caffeine, tags);
				case RedisCache redis -> new RedisCacheMeterBinderProvider().getMeterBinder(redis, tags);
				default -> null;
			};
		}
	}

	@Override
	public CacheErrorHandler errorHandler() {
		return ERRORS;
	}

	/**
	 * Like {@code TransactionAwareCacheManagerProxy}: puts and evictions made in a transaction wait for its commit. A
	 * failure of one of them, at commit, would otherwise escape from the commit and fail a request whose write has
	 * been stored.
	 */
	static final class FailSafeTransactionAwareCacheManager implements CacheManager {

		private final CacheManager target;

		private final ConcurrentMap<String, Cache> caches = new ConcurrentHashMap<>();

		/** One for all caches: they share the store, and its outage. */
		private final CacheOutage outage = new CacheOutage();

		FailSafeTransactionAwareCacheManager(CacheManager target) {
			this.target = target;
		}

		@Override
		public Cache getCache(String name) {
			return caches.computeIfAbsent(name, key -> {
				Cache cache = target.getCache(key);
				if (cache == null) {
					throw new IllegalStateException("No cache '" + key + "': declare it with a CachedType bean");
				}
				return new TransactionAwareCacheDecorator(new FailSafeCache(cache, outage));
			});
		}

		@Override
		public Collection<String> getCacheNames() {
			return target.getCacheNames();
		}
	}

	/**
	 * A cache that never throws: a failed read is a miss, a failed put or eviction goes to the error handler, which
	 * logs it, and the caller goes on. After a failure, reads and the stores of what reads loaded
	 * ({@code putIfAbsent}) leave the store alone for a while ({@link CacheOutage}), so that a Redis outage does not
	 * cost every read its command timeout; writes that invalidate ({@code put} of a tombstone, {@code evict}) are
	 * always tried, since one skipped while the store works would leave a stale entry for the cache's TTL.
	 */
	static final class FailSafeCache implements Cache {

		private final Cache target;

		private final CacheOutage outage;

		FailSafeCache(Cache target, CacheOutage outage) {
			this.target = target;
			this.outage = outage;
		}

		@Override
		public String getName() {
			return target.getName();
		}

		@Override
		public Object getNativeCache() {
			return target.getNativeCache();
		}

		/**
		 * A cache that cannot be read is a miss. An entry that cannot be decoded is evicted, so that the next read
		 * stores a readable one; at DEBUG, since every read of it would log otherwise.
		 */
		@Override
		public ValueWrapper get(Object key) {
			if (outage.skipping()) {
				return null;
			}
			try {
				ValueWrapper value = target.get(key);
				outage.succeeded();
				return value;
			}
			catch (SerializationException ex) {
				log.debug("Cache '{}': the entry for '{}' cannot be read and is evicted: {}", target.getName(), key,
						ex.getMessage());
				evict(key);
				return null;
			}
			catch (RuntimeException ex) {
				outage.failed(ex);
				ERRORS.handleCacheGetError(ex, target, key);
				return null;
			}
		}

		@Override
		public <T> T get(Object key, Class<T> type) {
			return target.get(key, type);
		}

		@Override
		public <T> T get(Object key, Callable<T> valueLoader) {
			return target.get(key, valueLoader);
		}

		@Override
		public void put(Object key, Object value) {
			try {
				target.put(key, value);
				outage.succeeded();
			}
			catch (RuntimeException ex) {
				outage.failed(ex);
				ERRORS.handleCachePutError(ex, target, key, value);
			}
		}

		@Override
		public ValueWrapper putIfAbsent(Object key, Object value) {
			if (outage.skipping()) {
				return null;
			}
			try {
				ValueWrapper existing = target.putIfAbsent(key, value);
				outage.succeeded();
				return existing;
			}
			catch (RuntimeException ex) {
				outage.failed(ex);
				ERRORS.handleCachePutError(ex, target, key, value);
				return null;
			}
		}

		@Override
		public void evict(Object key) {
			try {
				target.evict(key);
				outage.succeeded();
			}
			catch (RuntimeException ex) {
				outage.failed(ex);
				ERRORS.handleCacheEvictError(ex, target, key);
			}
		}

		@Override
		public boolean evictIfPresent(Object key) {
			try {
				return target.evictIfPresent(key);
			}
			catch (RuntimeException ex) {
				ERRORS.handleCacheEvictError(ex, target, key);
				return false;
			}
		}

		@Override
		public void clear() {
			try {
				target.clear();
			}
			catch (RuntimeException ex) {
				ERRORS.handleCacheClearError(ex, target);
			}
		}

		@Override
		public boolean invalidate() {
			try {
				return target.invalidate();
			}
			catch (RuntimeException ex) {
				ERRORS.handleCacheClearError(ex, target);
				return false;
			}
		}
	}
}
