package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.staybook.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How a failed job is retried: after {@link JobSettings#firstRetryDelay()}, doubling each time, at most
 * {@link JobSettings#maxRetries()} times; then the job is removed from the queue and recorded in {@code dead_jobs},
 * and counted in {@code staybook.jobs.dead_letters{task}}. A job whose data no node can read
 * ({@link UnreadableJobData}: a Java-serialized row of an earlier release that the allow-list refuses) is given up at
 * its first failure: retrying it would only fail again.
 */
@Component
public class RetryPolicy {

	private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

	private final JobSettings settings;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	RetryPolicy(JobSettings settings, JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.settings = settings;
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Retries with this policy's back-off, then records the execution as dead (a dead-letter row), doing nothing
	 * else when it gives up.
	 */
	public <T> FailureHandler<T> retryThenDeadLetter() {
		return retryThenDeadLetter((data, cause) -> {
		});
	}

	/**
	 * As {@link #retryThenDeadLetter()}, and when the job is given up, {@code onDeadLetter} is told its data and the
	 * last failure (null if there was none), before the job leaves the queue: to leave the records it was working on
	 * in a final state (a refund {@code failed}, say). The callback should be idempotent and quick; if it throws, the
	 * error is logged and the job is dead-lettered all the same (what it left half-way is for the reconciliation to
	 * find).
	 */
	public <T> FailureHandler<T> retryThenDeadLetter(BiConsumer<? super T, Throwable> onDeadLetter) {
		BiConsumer<ExecutionComplete, ExecutionOperations<T>> giveUp = (complete, operations) -> {
			givenUp(complete, onDeadLetter);
			deadLetter(complete);
			operations.stop();
		};
		FailureHandler<T> retrying = new FailureHandler.MaxRetriesFailureHandler<>(settings.maxRetries(),
				new FailureHandler.ExponentialBackoffFailureHandler<>(settings.firstRetryDelay(), 2.0), giveUp);
		return (complete, operations) -> {
			if (unreadable(complete.getCause().orElse(null))) {
				giveUp.accept(complete, operations);
			}
			else {
				retrying.onFailure(complete, operations);
			}
		};
	}

	private static boolean unreadable(Throwable cause) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof UnreadableJobData) {
				return true;
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	private <T> void givenUp(ExecutionComplete complete, BiConsumer<? super T, Throwable> onDeadLetter) {
		var execution = complete.getExecution();
		try {
			onDeadLetter.accept((T) execution.taskInstance.getData(), complete.getCause().orElse(null));
		}
		catch (RuntimeException ex) {
			log.error("Job {}/{}: its dead-letter callback failed", execution.getTaskName(),
					execution.taskInstance.getId(), ex);
		}
	}

	private void deadLetter(ExecutionComplete complete) {
		var execution = complete.getExecution();
		String error = complete.getCause().map(cause -> cause.getClass().getSimpleName() + ": " + cause.getMessage())
			.orElse(null);
		log.error("Job {}/{} failed {} times and is moved to dead_jobs: {}", execution.getTaskName(),
				execution.taskInstance.getId(), execution.consecutiveFailures + 1, error);
		jdbc.sql("""
				insert into dead_jobs (id, task_name, task_instance, failures, last_error, failed_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(Ids.newId(), execution.getTaskName(), execution.taskInstance.getId(),
					execution.consecutiveFailures + 1, error, Timestamp.from(clock.instant()))
			.update();
		Counter.builder("staybook.jobs.dead_letters")
			.description("Jobs given up after their last retry and moved to dead_jobs")
			.tag("task", execution.getTaskName())
			.register(meters)
			.increment();
	}
}
