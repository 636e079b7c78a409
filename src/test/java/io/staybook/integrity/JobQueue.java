package io.staybook.integrity;

import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.staybook.test.MutableClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The db-scheduler queue ({@code scheduled_tasks}) of the context that runs jobs, seen from a test: waits until it has
 * settled, that is until no job is running and no one-time job is due (or due within {@link #SOON}, which covers the
 * test profile's retry back-off of 200 ms doubling over 4 retries). Recurring jobs (instance {@code recurring}) are
 * always scheduled and count only while they run.
 */
final class JobQueue {

	/** A one-time job due this soon (by the service's clock) is as good as due: a retry in back-off. */
	static final Duration SOON = Duration.ofSeconds(10);

	private static final String BUSY = """
			select task_name || '/' || task_instance || (case when picked then ' (running)' else ' (due '
			       || execution_time || ')' end)
			from scheduled_tasks
			where picked or (task_instance <> 'recurring' and execution_time <= ?)
			order by execution_time
			limit 20
			""";

	private final JdbcTemplate jdbc;

	private final MutableClock clock;

	private final Scheduler scheduler;

	JobQueue(JdbcTemplate jdbc, MutableClock clock, Scheduler scheduler) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.scheduler = scheduler;
	}

	/** Waits at most {@code patience} for the queue to settle; empty if it did, else what was still busy. */
	Optional<String> settle(Duration patience) {
		try {
			await().atMost(patience)
				.pollInterval(Duration.ofMillis(200))
				.during(Duration.ofMillis(600))
				.until(() -> {
				scheduler.triggerCheckForDueExecutions();
				return busy().isEmpty();
			});
			return Optional.empty();
		}
		catch (ConditionTimeoutException ex) {
			return Optional.of("jobs still busy after " + patience.toSeconds() + " s: " + busy());
		}
	}

	/** Jobs running now or due (soon), at most 20. */
	List<String> busy() {
		return jdbc.queryForList(BUSY, String.class, Timestamp.from(clock.instant().plus(SOON)));
	}
}
