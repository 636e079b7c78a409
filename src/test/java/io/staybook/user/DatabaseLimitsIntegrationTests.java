package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.staybook.test.IntegrationTest;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bounds that keep one slow request from holding the database for everyone (issue 10, item 4): every connection
 * of the service has a statement and a lock timeout, and the pool's size and wait come from configuration, with a wait
 * short enough that a starved pool answers 503 at once.
 */
@IntegrationTest
class DatabaseLimitsIntegrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void everyConnectionHasAStatementAndALockTimeout() {
		for (int i = 0; i < 3; i++) {
			assertThat(jdbc.queryForObject("show statement_timeout", String.class)).isEqualTo("5s");
			assertThat(jdbc.queryForObject("show lock_timeout", String.class)).isEqualTo("3s");
		}
	}

	@Test
	void thePoolIsSizedFromConfigurationAndFailsFast() throws Exception {
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);

		assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
		assertThat(pool.getConnectionTimeout()).isEqualTo(2_000);
	}
}
