package io.staybook.message;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Redis pub/sub between nodes when {@code spring.data.redis.url} is set (as the caches and rate limits decide), else in-process. */
@Configuration(proxyBeanMethods = false)
class MessageBusConfig {

	@Bean
	MessageBus messageBus(@Value("${spring.data.redis.url:}") String redisUrl,
			@Value("${spring.data.redis.connect-timeout:500ms}") Duration timeout, MessageSettings settings) {
		return redisUrl.isBlank() ? new LocalMessageBus() : new RedisMessageBus(redisUrl, timeout, settings.channel());
	}
}
