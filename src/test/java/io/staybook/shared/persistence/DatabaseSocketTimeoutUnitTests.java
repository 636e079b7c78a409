package io.staybook.shared.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link DatabaseSocketTimeout}: every pool gets pgjdbc's {@code socketTimeout} in whole seconds, rounded up, unless the
 * pool's own {@code data-source-properties} name one.
 */
class DatabaseSocketTimeoutUnitTests {

	@Test
	void aPoolGetsTheTimeoutInWholeSecondsRoundedUp() {
		assertThat(socketTimeoutOf(new DatabaseSocketTimeout(Duration.ofSeconds(6)), new HikariDataSource()))
			.isEqualTo("6");
		assertThat(socketTimeoutOf(new DatabaseSocketTimeout(Duration.ofMillis(1500)), new HikariDataSource()))
			.isEqualTo("2");
		assertThat(socketTimeoutOf(new DatabaseSocketTimeout(Duration.ZERO), new HikariDataSource())).isEqualTo("0");
	}

	@Test
	void aTimeoutThePoolSetsItselfIsKept() {
		HikariDataSource pool = new HikariDataSource();
		pool.addDataSourceProperty("socketTimeout", "30");

		assertThat(socketTimeoutOf(new DatabaseSocketTimeout(Duration.ofSeconds(6)), pool)).isEqualTo("30");
	}

	@Test
	void aNegativeTimeoutIsRefused() {
		assertThatThrownBy(() -> new DatabaseSocketTimeout(Duration.ofSeconds(-1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static Object socketTimeoutOf(DatabaseSocketTimeout timeout, HikariDataSource pool) {
		timeout.postProcessBeforeInitialization(pool, "dataSource");
		return pool.getDataSourceProperties().get("socketTimeout");
	}
}
