package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.staybook.shared.observability.JobRequestIds;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Schedules jobs in the caller's transaction. A job due now is also started right after the commit, instead of at the
 * scheduler's next poll: db-scheduler's own immediate execution looks before the commit and finds nothing. A job
 * scheduled by a request carries the request's id ({@link JobRequestIds}): every log line of its runs has the same
 * {@code request_id} as the request's own lines, next to {@code job=task/instance}
 * ({@code io.staybook.shared.observability.JobLogContext}).
 */
@Component
public class Jobs {

	private static final Logger log = LoggerFactory.getLogger(Jobs.class);

	/**
	 * db-scheduler's insert of a new execution ({@code JdbcTaskRepository#createBatch}: its columns and values, and no
	 * priority, which the scheduler leaves null when it does not order by it), with the job's request id
	 * ({@link JobRequestIds#current()}) in the same statement. Through db-scheduler it took two, each a round trip: a
	 * {@code set_config} for the column's default, then the insert (docs/benchmarks.md, "Issue 12, fifteenth pass").
	 */
	static final String INSERT = "insert into scheduled_tasks (task_name, task_instance, task_data, execution_time,"
			+ " picked, version, request_id) values (?, ?, ?, ?, false, 1, ?)";

	private final SchedulerClient client;

	/**
	 * The scheduler, looked up once: an {@link ObjectProvider}'s lookup resolves the dependency through the bean factory
	 * on every call (2.7 % of a booking's JVM samples in a JFR profile, for one woken scheduler after each commit).
	 * Lazily, since the scheduler is built from the tasks, whose beans use this one.
	 */
	private final SingletonSupplier<Scheduler> scheduler;

	private final Clock clock;

	private final JobRequestIds requestIds;

	/** The scheduler's serializer of a job's data, looked up once, lazily as {@link #scheduler} (it is built from the tasks). */
	private final SingletonSupplier<JobDataSerializer> serializer;

	private final JdbcClient jdbc;

	Jobs(SchedulerClient client, ObjectProvider<Scheduler> scheduler, Clock clock, JobRequestIds requestIds,
			ObjectProvider<JobDataSerializer> serializer, JdbcClient jdbc) {
		this.client = client;
		this.scheduler = SingletonSupplier.of(scheduler::getIfAvailable);
		this.clock = clock;
		this.requestIds = requestIds;
		this.serializer = SingletonSupplier.of(serializer::getObject);
		this.jdbc = jdbc;
	}

	/** Runs {@code instance} soon after the current transaction commits; nothing if it rolls back. */
	public <T> void runAfterCommit(TaskInstance<T> instance) {
		schedule(instance, clock.instant());
		triggerAfterCommit();
	}

	/**
	 * {@link #runAfterCommit} for an instance that cannot exist yet, because its id holds an id drawn in the current
	 * transaction (a new booking's): one statement, {@link #INSERT}, where {@link SchedulerClient#scheduleIfNotExists}
	 * first looks for the row (a select per job) and the request id needs a statement of its own. An instance that does
	 * exist fails the insert ({@code DuplicateKeyException}), and with it the transaction.
	 */
	public <T> void runNewAfterCommit(TaskInstance<T> instance) {
		Instant now = clock.instant();
		jdbc.sql(INSERT)
			.params(instance.getTaskName(), instance.getId(), serializer.get().serialize(instance.getData()),
					OffsetDateTime.ofInstant(now, ZoneOffset.UTC), requestIds.current())
			.update();
		// the request id is in the row already
		scheduled(instance, now, true);
		triggerAfterCommit();
	}

	private void triggerAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					Scheduler running = scheduler.get();
					if (running != null) {
						running.triggerCheckForDueExecutions();
					}
				}
			});
		}
	}

	/** Runs {@code instance} at {@code time}, if the current transaction commits. */
	public <T> void runAt(TaskInstance<T> instance, Instant time) {
		schedule(instance, time);
	}

	private <T> void schedule(TaskInstance<T> instance, Instant time) {
		boolean bound = requestIds.bindToTransaction();
		if (client.scheduleIfNotExists(instance, time)) {
			scheduled(instance, time, bound);
		}
	}

	/**
	 * After the insert: the request id for a job scheduled outside a transaction, and a DEBUG line (at INFO it was a
	 * line for every booking; the job's runs log at INFO with the request's id).
	 */
	private <T> void scheduled(TaskInstance<T> instance, Instant time, boolean bound) {
		if (!bound) {
			requestIds.attach(instance);
		}
		log.debug("Scheduled job {}/{} at {}", instance.getTaskName(), instance.getId(), time);
	}
}
