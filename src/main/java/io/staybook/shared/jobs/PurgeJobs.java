package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.staybook.shared.idempotency.IdempotencyKeys;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value #NAME} job: every {@code staybook.retention.interval}, on one node, every declared {@link Purge} in
 * bounded batches. The shared tables' purges are declared here; the modules declare their own (sent mails, webhook
 * events).
 */
@Configuration(proxyBeanMethods = false)
class PurgeJobs {

	static final String NAME = "purge-expired-records";

	@Bean
	RecurringTask<Void> purgeExpiredRecordsTask(BatchedPurge purge, ObjectProvider<Purge> purges,
			RetentionSettings retention) {
		return Tasks.recurring(NAME, Schedules.fixedDelay(retention.interval()))
			.execute((instance, context) -> purge.purgeAll(purges.orderedStream().toList()));
	}

	@Bean
	Purge deadJobsPurge(RetentionSettings retention) {
		return new Purge("dead_jobs", "failed_at", retention.deadJobs());
	}

	/** Idempotency keys are kept 24 hours, as the API promises; not configurable. */
	@Bean
	Purge idempotencyKeysPurge() {
		return new Purge("idempotency_keys", "created_at", IdempotencyKeys.RETENTION);
	}
}
