package io.staybook.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;

/**
 * The cache store and Redis's health component follow {@code spring.data.redis.url} when the application starts, with
 * the same beans under either setting (not bean conditions, which an AOT-processed jar fixes at build time). Nothing
 * here connects to Redis.
 */
class CacheStoreSelectionTests {

	final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Infrastructure.class, CacheConfig.class);

	@Test
	void withoutARedisUrlTheCacheIsInProcess() {
		this.context.run(ctx -> {
			assertThat(ctx).hasSingleBean(CacheManager.class);
			assertThat(ctx.getBean(CacheManager.class).getCache("things").getNativeCache())
				.isInstanceOf(com.github.benmanes.caffeine.cache.Cache.class);
			assertThat(ctx.getBean(HealthContributorRegistry.class).getContributor("redis")).isNull();
		});
	}

	@Test
	void withARedisUrlTheCacheIsRedisAndPartOfHealth() {
		this.context.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1").run(ctx -> {
			assertThat(ctx).hasSingleBean(CacheManager.class);
			assertThat(ctx.getBean(CacheManager.class).getCache("things").getNativeCache())
				.isInstanceOf(RedisCacheWriter.class);
			// nothing listens there: a dead Redis is DEGRADED, never DOWN
			assertThat(((HealthIndicator) ctx.getBean(HealthContributorRegistry.class).getContributor("redis")).health()
				.getStatus()
				.getCode()).isEqualTo(CacheConfig.REDIS_DOWN);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CacheSettings.class)
	static class Infrastructure {

		@Bean
		CachedType things() {
			return new CachedType("things", String.class);
		}

		@Bean
		RedisConnectionFactory redisConnectionFactory() {
			return new LettuceConnectionFactory("127.0.0.1", 1);
		}

		@Bean
		HealthContributorRegistry healthContributorRegistry() {
			return new DefaultHealthContributorRegistry();
		}
	}
}
