package io.staybook.shared.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.staybook.shared.persistence.DatabaseSocketTimeout;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * The read replica: its own connection pool ({@value #POOL_NAME}) and whether it serves reads now. It serves while its
 * last measured lag ({@link ReplicaLagMonitor}) is within {@code max-lag}; until the first measure, while it lags
 * further, and from a failed connection until the next good measure, its reads go to the primary. Each switch is
 * logged once.
 * <p>
 * The pool takes every {@code spring.datasource.hikari.*} setting of the primary's (timeouts, and the connection
 * options that bound statements and lock waits, and the socket timeout of {@link DatabaseSocketTimeout}), then the
 * replica's own URL, credentials and size. It connects on first use, so a replica that is down when the node starts
 * does not stop the node.
 */
public final class ReadReplica implements AutoCloseable {

	static final String POOL_NAME = "staybook-replica";

	private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

	private final HikariDataSource pool;

	private final Duration maxLag;

	/** Unknown until the first measure; then whether reads go to the replica. */
	private enum State {
		UNKNOWN, SERVING, BYPASSED
	}

	private volatile State state = State.UNKNOWN;

	private volatile double lagSeconds = Double.NaN;

	ReadReplica(HikariDataSource pool, Duration maxLag) {
		this.pool = pool;
		this.maxLag = maxLag;
	}

	/** The replica of {@code settings}, its pool configured like the primary's (from {@code environment}). */
	static ReadReplica of(ReplicaSettings settings, Environment environment) {
		Binder binder = Binder.get(environment);
		HikariConfig config = binder.bind("spring.datasource.hikari", Bindable.ofInstance(new HikariConfig()))
			.orElseGet(HikariConfig::new);
		config.setPoolName(POOL_NAME);
		config.setJdbcUrl(settings.url());
		config.setUsername(settings.username() != null ? settings.username()
				: environment.getProperty("spring.datasource.username"));
		config.setPassword(settings.password() != null ? settings.password()
				: environment.getProperty("spring.datasource.password"));
		if (settings.maximumPoolSize() != null) {
			config.setMaximumPoolSize(settings.maximumPoolSize());
		}
		config.setReadOnly(true);
		// the request deadline of a paused or cut-off server, as on the primary's pool (a bean, where it is set for it)
		DatabaseSocketTimeout.apply(config, binder.bind(DatabaseSocketTimeout.PROPERTY, Duration.class)
			.orElseGet(() -> DurationStyle.detectAndParse(DatabaseSocketTimeout.DEFAULT)));
		// a replica that is down at start must not stop the node: connect at first use
		config.setInitializationFailTimeout(-1);
		HikariDataSource pool = new HikariDataSource();
		config.copyStateTo(pool);
		return new ReadReplica(pool, settings.maxLag());
	}

	HikariDataSource pool() {
		return pool;
	}

	/** Whether reads may go to the replica now. */
	public boolean serving() {
		return state == State.SERVING;
	}

	/** The lag last measured, in seconds; NaN when the replica did not answer or was not measured yet. */
	public double lagSeconds() {
		return lagSeconds;
	}

	/** The lag past which the replica is bypassed ({@code staybook.datasource.replica.max-lag}). */
	public Duration maxLag() {
		return maxLag;
	}

	/** A measure of the lag (seconds): the replica serves while it is within {@code max-lag}. */
	synchronized void measured(double seconds) {
		lagSeconds = seconds;
		if (seconds * 1000 <= maxLag.toMillis()) {
			if (state != State.SERVING) {
				state = State.SERVING;
				log.info("Read replica serving reads (lag {} s, max-lag {} s)", round(seconds), maxLagSeconds());
			}
		}
		else if (state != State.BYPASSED) {
			state = State.BYPASSED;
			log.warn("Read replica lags {} s, more than max-lag {} s: its reads go to the primary until it catches up",
					round(seconds), maxLagSeconds());
		}
	}

	/** The replica did not answer (no connection, or the lag query failed): reads go to the primary. */
	synchronized void unreachable(Exception cause) {
		lagSeconds = Double.NaN;
		if (state != State.BYPASSED) {
			state = State.BYPASSED;
			log.warn("Read replica not answering ({}): its reads go to the primary until it answers again",
					cause.getClass().getSimpleName());
		}
	}

	private double maxLagSeconds() {
		return maxLag.toMillis() / 1000.0;
	}

	private static double round(double seconds) {
		return Math.round(seconds * 10) / 10.0;
	}

	@Override
	public void close() {
		pool.close();
	}
}
