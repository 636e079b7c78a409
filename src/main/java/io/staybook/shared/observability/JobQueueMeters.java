package io.staybook.shared.observability;

import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code staybook.jobs.queue{task}}: the jobs in the queue ({@code scheduled_tasks}) per task, due or not,
 * running or not; a recurring task counts its one row. Read from the database when scraped, at most once every
 * {@link #STALE} (all series of a scrape share one query); the queue is shared, so every node reports the same numbers.
 * Wall time, not the application clock: tests move that one.
 */
@Component
class JobQueueMeters {

	static final Duration STALE = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(JobQueueMeters.class);

	private final JdbcClient jdbc;

	private volatile Map<String, Long> depths = Map.of();

	private volatile long loadedAt = Long.MIN_VALUE;

	JobQueueMeters(MeterRegistry registry, JdbcClient jdbc, List<Task<?>> tasks) {
		this.jdbc = jdbc;
		tasks.stream().map(Task::getName).distinct().forEach(task -> Gauge.builder("staybook.jobs.queue", this,
				meters -> meters.depth(task))
			.tag("task", task)
			.description("Jobs in the queue (scheduled_tasks) of this task")
			.register(registry));
	}

	private double depth(String task) {
		long now = System.nanoTime();
		if (loadedAt == Long.MIN_VALUE || now - loadedAt > STALE.toNanos()) {
			try {
				Map<String, Long> read = new HashMap<>();
				jdbc.sql("select task_name, count(*) from scheduled_tasks group by task_name")
					.query((rs, row) -> read.put(rs.getString(1), rs.getLong(2)))
					.list();
				depths = read;
			}
			catch (RuntimeException ex) {
				log.warn("Could not count the job queue: {}", ex.toString());
			}
			loadedAt = now;
		}
		return depths.getOrDefault(task, 0L);
	}
}
