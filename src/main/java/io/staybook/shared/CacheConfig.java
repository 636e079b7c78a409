package io.staybook.shared;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.interceptor.CacheErrorHandler;
import org.springframework.cache.interceptor.LoggingCacheErrorHandler;
import org.springframework.cache.transaction.TransactionAwareCacheManagerProxy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * One cache configuration for the application: Redis, shared by every node, when {@code spring.data.redis.url} is set;
 * otherwise Caffeine in this process. Both are transaction-aware (an eviction made in a transaction happens when it
 * commits), and a cache that fails is logged and bypassed, so a Redis outage slows reads but never fails them.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CacheConfig implements CachingConfigurer {

	static final Duration TTL = Duration.ofMinutes(10);

	private static final Logger log = LoggerFactory.getLogger(CacheConfig.class);

	@Bean
	@ConditionalOnProperty("spring.data.redis.url")
	CacheManager redisCacheManager(RedisConnectionFactory connections) {
		log.info("Caching in Redis");
		return RedisCacheManager.builder(connections)
			.cacheDefaults(RedisCacheConfiguration.defaultCacheConfig().entryTtl(TTL).prefixCacheNameWith("staybook:"))
			.transactionAware()
			.build();
	}

	/** Redis is part of health only when it is configured (the auto-configured indicator is off in application.yaml). */
	@Bean
	@ConditionalOnProperty("spring.data.redis.url")
	HealthIndicator redisHealthIndicator(RedisConnectionFactory connections) {
		return new DataRedisHealthIndicator(connections);
	}

	@Bean
	@ConditionalOnExpression("'${spring.data.redis.url:}' == ''")
	CacheManager caffeineCacheManager() {
		CaffeineCacheManager manager = new CaffeineCacheManager();
		manager.setCaffeine(Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000));
		return new TransactionAwareCacheManagerProxy(manager);
	}

	@Override
	public CacheErrorHandler errorHandler() {
		return new LoggingCacheErrorHandler("io.staybook.cache", false);
	}
}
