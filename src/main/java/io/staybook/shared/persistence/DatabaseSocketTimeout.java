package io.staybook.shared.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * The request deadline on the way to PostgreSQL: every pooled connection gets pgjdbc's {@code socketTimeout}
 * ({@code staybook.database.socket-timeout}, default 6 s), the longest it waits for the server's next bytes before it
 * closes the connection and fails with SQLSTATE 08006, which {@code Failures} answers as a 503 with
 * {@code Retry-After}.
 * <p>
 * {@code statement_timeout} and {@code lock_timeout} are enforced by the server, so a server that is stopped
 * (SIGSTOP, a frozen VM) or cut off by a network that drops packets never ends a statement, and the pool's connection
 * timeout only bounds getting a connection, not using one: without this, a request caught mid-statement waits until
 * the server comes back. The timeout must exceed the statement timeout (5 s), or a slow statement the server would
 * have cancelled cleanly costs a connection instead. Over TLS the bound is twice the timeout: closing the dead
 * connection, the JDK's {@code SSLSocket.close()} waits for the peer's {@code close_notify} with the same timeout
 * (seen through PgBouncer, which reads nothing from a client whose query is under way); so twice the timeout must stay
 * under the load balancer's (nginx: 15 s). pgjdbc counts whole seconds: a fraction is rounded up; 0 is off.
 * Source: pgjdbc's connection properties ({@code socketTimeout}).
 */
@Component
public class DatabaseSocketTimeout implements BeanPostProcessor {

	/** The property that sets the timeout (a {@link Duration}; default {@value #DEFAULT}). */
	public static final String PROPERTY = "staybook.database.socket-timeout";

	/** The default timeout, above the default statement timeout (5 s). */
	public static final String DEFAULT = "6s";

	private final Duration timeout;

	DatabaseSocketTimeout(@Value("${" + PROPERTY + ":" + DEFAULT + "}") Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("staybook.database.socket-timeout must not be negative");
		}
		this.timeout = timeout;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool) {
			apply(pool, timeout);
		}
		return bean;
	}

	/**
	 * Gives every connection of {@code pool} (a Spring bean or one built by hand, such as the read replica's) the
	 * socket timeout {@code timeout}, unless its data source properties set one already.
	 */
	public static void apply(HikariConfig pool, Duration timeout) {
		if (pool.getDataSourceProperties().get("socketTimeout") == null) {
			pool.addDataSourceProperty("socketTimeout", Long.toString(seconds(timeout)));
		}
	}

	static long seconds(Duration timeout) {
		long seconds = timeout.toSeconds();
		return timeout.toNanosPart() > 0 ? seconds + 1 : seconds;
	}
}
