package io.staybook.message;

import io.staybook.shared.persistence.UnpooledConnections;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Redis pub/sub between nodes when {@code spring.data.redis.url} is set (as the caches and rate limits decide), else
 * PostgreSQL {@code NOTIFY}/{@code LISTEN} (the architecture's "cross-node events").
 */
@Configuration(proxyBeanMethods = false)
class MessageBusConfig {

	@Bean
	MessageBus messageBus(@Value("${spring.data.redis.url:}") String redisUrl,
			@Value("${spring.data.redis.connect-timeout:500ms}") Duration connectTimeout,
			@Value("${spring.data.redis.timeout:500ms}") Duration commandTimeout, MessageSettings settings,
			JdbcClient jdbc, DataSource dataSource, MessageRows rows) throws SQLException {
		if (!redisUrl.isBlank()) {
			return new RedisMessageBus(redisUrl, connectTimeout, commandTimeout, settings.channel());
		}
		return new PostgresMessageBus(jdbc, listening(dataSource, settings.listenUrl()), settings.channel(),
				rows::added);
	}

	/**
	 * Unpooled connections for the {@code LISTEN} session, to {@code listenUrl} (default the pool's URL), named
	 * {@value PostgresMessageBus#APPLICATION_NAME} in {@code pg_stat_activity}, kept alive by TCP keepalives, and
	 * given up after 5 s when the server cannot be reached.
	 */
	private static DataSource listening(DataSource pool, String listenUrl) throws SQLException {
		SimpleDriverDataSource direct = UnpooledConnections.like(pool, listenUrl);
		Properties properties = direct.getConnectionProperties();
		properties.setProperty("ApplicationName", PostgresMessageBus.APPLICATION_NAME);
		properties.setProperty("tcpKeepAlive", "true");
		properties.putIfAbsent("connectTimeout", "5");
		direct.setConnectionProperties(properties);
		return direct;
	}
}
