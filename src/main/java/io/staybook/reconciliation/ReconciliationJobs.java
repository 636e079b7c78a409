package io.staybook.reconciliation;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The recurring reconciliation, every {@code staybook.reconciliation.interval} (15 minutes by default), on one node. */
@Configuration(proxyBeanMethods = false)
class ReconciliationJobs {

	static final String RECONCILE = "reconcile-money";

	@Bean
	RecurringTask<Void> reconcileTask(ObjectProvider<Reconciliation> reconciliation, ReconciliationSettings settings) {
		return Tasks.recurring(RECONCILE, Schedules.fixedDelay(settings.interval()))
			.execute((instance, context) -> reconciliation.getObject().run());
	}
}
