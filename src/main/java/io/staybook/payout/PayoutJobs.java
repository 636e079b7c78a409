package io.staybook.payout;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payout sweep as a durable recurring job: every {@code staybook.payouts.sweep-interval} on one node at a time
 * (db-scheduler's row for it), and safe if another node or a manual run sweeps too (see {@link PayoutSweep}). No job
 * per booking: one indexed query finds the stays that have fallen due (issue 12's lesson).
 */
@Configuration(proxyBeanMethods = false)
class PayoutJobs {

	static final String PAY_OUT = "pay-out-stays";

	private static final Logger log = LoggerFactory.getLogger(PayoutJobs.class);

	@Bean
	RecurringTask<Void> payOutStaysTask(ObjectProvider<PayoutSweep> sweep, PayoutSettings settings) {
		return Tasks.recurring(PAY_OUT, Schedules.fixedDelay(settings.sweepInterval()))
			.execute((instance, context) -> {
				PayoutSweep.Result result = sweep.getObject().sweep();
				if (result.made() + result.paid() + result.failed() > 0) {
					log.info("Payouts: {} made, {} paid, {} refused, {} waiting for the provider", result.made(),
							result.paid(), result.failed(), result.retrying());
				}
			});
	}
}
