package io.staybook.shared.observability;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The request id a job carries: the column {@code scheduled_tasks.request_id}, written when a job is scheduled while
 * a request id is in the MDC (a request, or a job passing its own on to the jobs it schedules), and read back when the
 * job runs, on whichever node and however much later, so that {@link JobLogContext} puts it in the MDC of every line
 * of the run. A retry runs the same row and keeps the id. One indexed write per scheduled job, one read per run.
 */
@Component
public class JobRequestIds {

	private static final Logger log = LoggerFactory.getLogger(JobRequestIds.class);

	private final JdbcClient jdbc;

	JobRequestIds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Gives the just scheduled job {@code instance} the current MDC's request id, if any, in the caller's transaction
	 * (db-scheduler writes through Spring's transaction-aware data source, so the row is there).
	 */
	public void attachCurrent(TaskInstance<?> instance) {
		String id = MDC.get(RequestIds.MDC_KEY);
		if (id != null) {
			jdbc.sql("update scheduled_tasks set request_id = ? where task_name = ? and task_instance = ?")
				.params(id, instance.getTaskName(), instance.getId())
				.update();
		}
	}

	/** The request id of the job {@code instance}, if it has one; empty (and a warning) if it cannot be read. */
	Optional<String> of(TaskInstance<?> instance) {
		try {
			return jdbc.sql("select request_id from scheduled_tasks where task_name = ? and task_instance = ?")
				.params(instance.getTaskName(), instance.getId())
				.query(String.class)
				.optional();
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the request id of job {}/{}: {}", instance.getTaskName(), instance.getId(),
					ex.toString());
			return Optional.empty();
		}
	}
}
