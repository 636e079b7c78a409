package io.staybook.shared.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Connections made one by one, outside the pool, with the pool's credentials and driver properties: for work that holds
 * a connection far longer than a request does (a migration, a {@code LISTEN} session), and that the pool's bounds
 * would cut off. pgjdbc's {@code socketTimeout} is left out (such a connection waits quietly for long); the caller
 * adds bounds of its own.
 */
public final class UnpooledConnections {

	private UnpooledConnections() {
	}

	/**
	 * An unpooled data source to {@code url} (blank or null: the pool's own URL), as the pool's user with the pool's
	 * driver properties, without {@code socketTimeout}; the pool is found through any wrapper (the read routing).
	 *
	 * @throws IllegalArgumentException if {@code pool} is not (a wrapper of) a Hikari pool
	 * @throws SQLException if no driver accepts the URL
	 */
	public static SimpleDriverDataSource like(DataSource pool, String url) throws SQLException {
		if (pool == null || !pool.isWrapperFor(HikariDataSource.class)) {
			throw new IllegalArgumentException("not a Hikari connection pool: " + pool);
		}
		HikariDataSource hikari = pool.unwrap(HikariDataSource.class);
		String target = url == null || url.isBlank() ? hikari.getJdbcUrl() : url;
		Properties properties = new Properties();
		if (hikari.getDataSourceProperties() != null) {
			properties.putAll(hikari.getDataSourceProperties());
		}
		properties.remove("socketTimeout");
		SimpleDriverDataSource direct = new SimpleDriverDataSource(DriverManager.getDriver(target), target,
				hikari.getUsername(), hikari.getPassword());
		direct.setConnectionProperties(properties);
		return direct;
	}
}
