package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Schedules jobs in the caller's transaction. A job due now is also started right after the commit, instead of at the
 * scheduler's next poll: db-scheduler's own immediate execution looks before the commit and finds nothing.
 */
@Component
public class Jobs {

	private final SchedulerClient client;

	private final ObjectProvider<Scheduler> scheduler;

	private final Clock clock;

	Jobs(SchedulerClient client, ObjectProvider<Scheduler> scheduler, Clock clock) {
		this.client = client;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/** Runs {@code instance} soon after the current transaction commits; nothing if it rolls back. */
	public <T> void runAfterCommit(TaskInstance<T> instance) {
		client.scheduleIfNotExists(instance, clock.instant());
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions);
				}
			});
		}
	}

	/** Runs {@code instance} at {@code time}, if the current transaction commits. */
	public <T> void runAt(TaskInstance<T> instance, Instant time) {
		client.scheduleIfNotExists(instance, time);
	}
}
