package io.staybook.shared.observability;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The request id a job carries: the column {@code scheduled_tasks.request_id}, written when a job is scheduled while
 * a request id is in the MDC (a request, or a job passing its own on to the jobs it schedules), and read back when the
 * job runs, on whichever node and however much later, so that {@link JobLogContext} puts it in the MDC of every line
 * of the run. A retry runs the same row and keeps the id. A job inserted by the service itself (a new one:
 * {@code Jobs#runNewAfterCommit}) takes {@link #current()} in its insert. For a job db-scheduler inserts, inside a
 * transaction the id is set once as the transaction-local setting {@code staybook.request_id}, which the column's
 * default (V15) gives every job inserted in that transaction: one statement per transaction however many jobs it
 * schedules; outside one, an update of the inserted row. One read per run.
 */
@Component
public class JobRequestIds {

	private static final Logger log = LoggerFactory.getLogger(JobRequestIds.class);

	/** The transaction-local PostgreSQL setting the column's default reads (V15). */
	static final String SETTING = "staybook.request_id";

	private final JdbcClient jdbc;

	JobRequestIds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Makes the job about to be scheduled carry the current MDC's request id, if any: call it before db-scheduler's
	 * insert, in the caller's transaction (db-scheduler writes through Spring's transaction-aware data source). Sets
	 * {@code staybook.request_id} for the rest of the transaction, once per transaction and id; returns whether it
	 * did, else (no transaction) {@link #attach} must follow the insert.
	 */
	public boolean bindToTransaction() {
		String id = current();
		if (id == null || !TransactionSynchronizationManager.isSynchronizationActive()
				|| !TransactionSynchronizationManager.isActualTransactionActive()) {
			return false;
		}
		Object current = TransactionSynchronizationManager.getResource(this);
		if (!id.equals(current)) {
			jdbc.sql("select set_config('" + SETTING + "', ?, true)").param(id).query(String.class).single();
			if (current == null) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						TransactionSynchronizationManager.unbindResourceIfPossible(JobRequestIds.this);
					}
				});
			}
			else {
				TransactionSynchronizationManager.unbindResource(this);
			}
			TransactionSynchronizationManager.bindResource(this, id);
		}
		return true;
	}

	/** The request id a job scheduled now carries: the current MDC's, or null outside a request (or a job's run). */
	public String current() {
		return MDC.get(RequestIds.MDC_KEY);
	}

	/** Gives the just inserted job {@code instance} the current MDC's request id, if any (outside a transaction). */
	public void attach(TaskInstance<?> instance) {
		String id = current();
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
