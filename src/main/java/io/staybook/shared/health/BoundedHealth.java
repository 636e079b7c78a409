package io.staybook.shared.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A health component for a dependency that requests can do without for a while (SMTP, the photo store): its check
 * runs on a virtual thread of its own and is answered within {@code deadline} whatever the dependency does, as the
 * {@code db} component is ({@link DatabaseHealthIndicator}); a check that fails or has not ended by then is
 * {@value #DEGRADED}, which the health endpoint answers 200 ({@code management.endpoint.health.status}), so admins see
 * what is failing while a load balancer keeps the node. While one check runs, concurrent calls wait on that same check,
 * so a stalled dependency never piles up threads or connections; the check itself must end by a network timeout of its
 * client's.
 */
public final class BoundedHealth implements HealthIndicator {

	/** The status of a dependency that fails or does not answer, ranked below UP and answered 200. */
	public static final String DEGRADED = "DEGRADED";

	/** A check of the dependency: returns the details to show when it answers, throws when it does not. */
	@FunctionalInterface
	public interface Check {

		/**
		 * Asks the dependency.
		 * @return the details of a healthy answer (say, the server's name)
		 * @throws Exception when the dependency fails
		 */
		Map<String, Object> run() throws Exception;
	}

	private final Duration deadline;

	private final Check check;

	private final AtomicReference<CompletableFuture<Map<String, Object>>> running = new AtomicReference<>();

	/** A component that runs {@code check} and answers within {@code deadline}. */
	public BoundedHealth(Duration deadline, Check check) {
		this.deadline = deadline;
		this.check = check;
	}

	@Override
	public Health health() {
		try {
			return Health.up().withDetails(current().get(deadline.toMillis(), TimeUnit.MILLISECONDS)).build();
		}
		catch (TimeoutException ex) {
			return Health.status(DEGRADED).withDetail("error", "no answer within " + deadline.toMillis() + " ms").build();
		}
		catch (ExecutionException ex) {
			// the exception's class only: its message may name hosts or credentials, and details reach admins' screens
			return Health.status(DEGRADED).withDetail("error", ex.getCause().getClass().getSimpleName()).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.status(DEGRADED).build();
		}
	}

	/** The check in progress, or a new one. */
	private CompletableFuture<Map<String, Object>> current() {
		while (true) {
			CompletableFuture<Map<String, Object>> inProgress = running.get();
			if (inProgress != null) {
				return inProgress;
			}
			CompletableFuture<Map<String, Object>> started = new CompletableFuture<>();
			if (running.compareAndSet(null, started)) {
				Thread.ofVirtual().name("health-check").start(() -> {
					try {
						started.complete(check.run());
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
}
