package io.staybook.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Flyway's connection ({@link MigrationConnection}) against the real PostgreSQL of {@code SPRING_DATASOURCE_URL}: a
 * statement longer than the pool's request bounds runs to its end there, under the migration bounds, while the pool
 * keeps cancelling it. Before, every migration ran under the pool's 5 s statement timeout and 6 s socket timeout, and
 * the service could not start on the 1M-listing load database (V19 failed with "canceling statement due to statement
 * timeout").
 */
class MigrationConnectionIntegrationTests {

	private HikariDataSource pool;

	@BeforeEach
	void aPoolWithRequestBounds() {
		String url = System.getenv("SPRING_DATASOURCE_URL");
		Assumptions.assumeTrue(url != null && url.startsWith("jdbc:postgresql://"),
				"needs SPRING_DATASOURCE_URL to a PostgreSQL server");
		pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername(System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres"));
		pool.setPassword(System.getenv("SPRING_DATASOURCE_PASSWORD"));
		pool.setMaximumPoolSize(1);
		// the application's bounds, shortened: a statement timeout and a socket timeout a little above it
		pool.addDataSourceProperty("options", "-c statement_timeout=300 -c lock_timeout=200");
		DatabaseSocketTimeout.apply(pool, Duration.ofSeconds(1));
	}

	@AfterEach
	void close() {
		if (pool != null) {
			pool.close();
		}
	}

	@Test
	void aMigrationOutlastsTheRequestBoundsOfThePoolItWasGiven() throws SQLException {
		DataSource flyway = MigrationConnection.forMigrations(new LazyConnectionDataSourceProxy(pool),
				Duration.ofMinutes(30), Duration.ofSeconds(10));

		assertThat(flyway).isInstanceOf(SimpleDriverDataSource.class);
		try (Connection connection = flyway.getConnection(); Statement sql = connection.createStatement()) {
			assertThat(setting(sql, "statement_timeout")).isEqualTo("30min");
			assertThat(setting(sql, "lock_timeout")).isEqualTo("10s");
			assertThat(connection.getNetworkTimeout()).isZero();
			// past the pool's statement timeout (0.3 s) and its socket timeout (1 s)
			sql.execute("select pg_sleep(1.5)");
		}
		try (Connection connection = pool.getConnection(); Statement sql = connection.createStatement()) {
			assertThatThrownBy(() -> sql.execute("select pg_sleep(1.5)")).isInstanceOf(SQLException.class)
				.hasMessageContaining("statement timeout");
		}
	}

	@Test
	void springBootsOwnMigrationConnectionIsKeptAndBounded() throws SQLException {
		SimpleDriverDataSource owners = new SimpleDriverDataSource(java.sql.DriverManager.getDriver(pool.getJdbcUrl()),
				pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());

		DataSource flyway = MigrationConnection.forMigrations(owners, Duration.ofMinutes(30), Duration.ZERO);

		assertThat(flyway).isSameAs(owners);
		try (Connection connection = flyway.getConnection(); Statement sql = connection.createStatement()) {
			assertThat(setting(sql, "statement_timeout")).isEqualTo("30min");
			assertThat(setting(sql, "lock_timeout")).isEqualTo("0");
		}
	}

	private static String setting(Statement sql, String name) throws SQLException {
		try (ResultSet row = sql.executeQuery("show " + name)) {
			row.next();
			return row.getString(1);
		}
	}
}
