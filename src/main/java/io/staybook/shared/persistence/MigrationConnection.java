package io.staybook.shared.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Flyway's own connection, with a migration's bounds rather than a request's. The pool's bounds
 * ({@code statement_timeout} 5 s, {@code lock_timeout} 500 ms, pgjdbc's {@code socketTimeout} 6 s, see
 * {@link DatabaseSocketTimeout}) are what keeps a request from hanging on a stalled database; a migration that rewrites
 * or constrains a large table needs minutes (V19's exclusion constraint and V20's new columns over 5M bookings), and
 * under the pool's bounds the service could not start on such a database.
 * <p>
 * So Flyway never borrows from the pool: when it would (no {@code spring.flyway.url}), it gets an unpooled connection
 * to the same server as the same user, with the pool's other driver properties; when Spring Boot built one
 * ({@code spring.flyway.url}, the owner's direct connection of docs/operations.md), that one is kept. Either way its
 * statements are bounded by {@code staybook.database.migration-statement-timeout} (default 30 min) and its lock waits
 * by {@code staybook.database.migration-lock-timeout} (default 10 s: a migration that cannot get its lock behind live
 * traffic fails this node's start rather than queue every request behind it; start again when traffic is quieter), and
 * it has no socket timeout, since a long statement sends nothing until it ends.
 */
@Configuration(proxyBeanMethods = false)
class MigrationConnection {

	@Bean
	FlywayConfigurationCustomizer migrationBounds(
			@Value("${staybook.database.migration-statement-timeout:30m}") Duration statementTimeout,
			@Value("${staybook.database.migration-lock-timeout:10s}") Duration lockTimeout) {
		return configuration -> configuration
			.dataSource(forMigrations(configuration.getDataSource(), statementTimeout, lockTimeout));
	}

	/**
	 * The connection Flyway migrates through, given the one Spring Boot chose: a new unpooled one for the pool
	 * (unwrapped through any routing proxy), Boot's own unpooled one as it is; both with the given bounds (0: none).
	 * Anything else is returned unchanged.
	 */
	static DataSource forMigrations(DataSource chosen, Duration statementTimeout, Duration lockTimeout) {
		String options = "-c statement_timeout=" + statementTimeout.toMillis() + " -c lock_timeout="
				+ lockTimeout.toMillis();
		if (chosen instanceof SimpleDriverDataSource direct) {
			direct.setConnectionProperties(withOptions(direct.getConnectionProperties(), options));
			return direct;
		}
		try {
			if (chosen != null && chosen.isWrapperFor(HikariDataSource.class)) {
				SimpleDriverDataSource direct = UnpooledConnections.like(chosen, null);
				direct.setConnectionProperties(withOptions(direct.getConnectionProperties(), options));
				return direct;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the connection pool's settings for Flyway", ex);
		}
		return chosen;
	}

	private static Properties withOptions(Properties given, String options) {
		Properties properties = new Properties();
		if (given != null) {
			properties.putAll(given);
		}
		properties.setProperty("options", options);
		return properties;
	}
}
