package io.staybook.shared.health;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code db} health component, in place of Spring Boot's: {@code select 1} on a pooled connection, answered within
 * {@code staybook.health.database-timeout} (default 1 s) whatever PostgreSQL does. Spring Boot's indicator calls
 * {@code Connection.isValid(0)}, which waits without end on a paused (SIGSTOPped) server or a dropped network, and then
 * the readiness probe hangs too. Here the check runs on a virtual thread of its own: past the deadline the component
 * is DOWN at once, and the check itself ends by its network timeout (twice the deadline), which closes the connection
 * so the pool drops it. While one check is running, concurrent probes wait on that same check instead of starting
 * more, so a stalled database never piles up probe threads or connections.
 */
@Component("dbHealthContributor")
class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {

	private final DataSource dataSource;

	private final Duration timeout;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicReference<CompletableFuture<Void>> running = new AtomicReference<>();

	DatabaseHealthIndicator(DataSource dataSource, @Value("${staybook.health.database-timeout:1s}") Duration timeout) {
		this.dataSource = dataSource;
		this.timeout = timeout;
	}

	@Override
	public Health health() {
		try {
			check().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return Health.up().withDetail("database", "PostgreSQL").build();
		}
		catch (TimeoutException ex) {
			return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
		}
		catch (ExecutionException ex) {
			return Health.down().withDetail("error", "no connection, or the query failed").build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down().build();
		}
	}

	/** The check in progress, or a new one. */
	private CompletableFuture<Void> check() {
		while (true) {
			CompletableFuture<Void> current = running.get();
			if (current != null) {
				return current;
			}
			CompletableFuture<Void> started = new CompletableFuture<>();
			if (running.compareAndSet(null, started)) {
				threads.execute(() -> {
					try {
						selectOne();
						started.complete(null);
					}
					catch (Exception | Error ex) {
						started.completeExceptionally(ex);
					}
					finally {
						running.set(null);
					}
				});
				return started;
			}
		}
	}

	private void selectOne() throws Exception {
		int networkTimeout = (int) Math.max(1, timeout.toMillis() * 2);
		try (Connection connection = dataSource.getConnection()) {
			connection.setNetworkTimeout(threads, networkTimeout);
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
				statement.execute("select 1");
			}
		}
	}

	@Override
	public void destroy() {
		threads.shutdownNow();
	}
}
