package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.task.Execution;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The jobs' half of a graceful shutdown. db-scheduler's own {@code stop()} lets running jobs finish for up to
 * {@code db-scheduler.shutdown-max-wait}, interrupts those still running and waits as long again, and then leaves any
 * job that ignored the interrupt picked by this node: with no heartbeat any more, another node takes it only when
 * dead-execution detection finds it (heartbeat-interval x missed-heartbeats-limit, about 8-16 s here). This releases
 * those jobs at once instead: after the scheduler has stopped, each execution this node still holds is set back to
 * unpicked, so the next poll of any other node runs it.
 * <p>
 * Safe while the job's own thread may still be running: the release matches only a row still picked by this node
 * ({@code picked_by} is the scheduler's name), exactly what dead-execution detection would do seconds later. If the
 * stale thread then ends, its completion is refused by db-scheduler's version check once another node has picked the
 * job (db-scheduler logs that refusal as an ERROR, "Expected one execution to be removed, but removed 0"), and a
 * completion before that ends the job as usual. Jobs are idempotent (see {@link RetryPolicy}), so the worst case is
 * a repeated call, never a repeated effect.
 * <p>
 * Destroyed before the {@link Scheduler} it depends on, so it stops the scheduler itself first; Spring's later call to
 * {@code Scheduler.stop()} finds it stopped and only logs so.
 */
@Component
class RunningJobsRelease implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RunningJobsRelease.class);

	private final Scheduler scheduler;

	private final JdbcClient jdbc;

	private final String table;

	RunningJobsRelease(Scheduler scheduler, JdbcClient jdbc, DbSchedulerProperties properties) {
		this.scheduler = scheduler;
		this.jdbc = jdbc;
		this.table = properties.getTableName();
	}

	@Override
	public void destroy() {
		stopAndRelease(scheduler, jdbc, table);
	}

	/**
	 * Stops {@code scheduler} (waiting for running jobs as db-scheduler does) and releases the jobs it still holds.
	 * @return how many executions were released for another node
	 */
	static int stopAndRelease(Scheduler scheduler, JdbcClient jdbc, String table) {
		if (!scheduler.getSchedulerState().isShuttingDown()) {
			scheduler.stop();
		}
		List<Execution> unfinished = scheduler.getCurrentlyExecuting()
			.stream()
			.map(CurrentlyExecuting::getExecution)
			.toList();
		int released = 0;
		for (Execution execution : unfinished) {
			int rows = jdbc.sql("update " + table + " set picked = false, picked_by = null, last_heartbeat = null"
					+ " where task_name = ? and task_instance = ? and picked and picked_by = ?")
				.params(execution.getTaskName(), execution.taskInstance.getId(), execution.pickedBy)
				.update();
			if (rows == 1) {
				released++;
				log.warn("Released job {} / {}: still running after the shutdown wait; another node runs it again",
						execution.getTaskName(), execution.taskInstance.getId());
			}
		}
		return released;
	}
}
