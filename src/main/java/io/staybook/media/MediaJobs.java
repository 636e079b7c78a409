package io.staybook.media;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value #SWEEP} job: every {@code staybook.media.sweep.interval}, on one node at a time (db-scheduler's row for
 * it), {@link MediaSweep} deletes the stored objects that no photo uses any more.
 */
@Configuration(proxyBeanMethods = false)
class MediaJobs {

	static final String SWEEP = "sweep-media";

	private static final Logger log = LoggerFactory.getLogger(MediaJobs.class);

	@Bean
	RecurringTask<Void> sweepMediaTask(ObjectProvider<MediaSweep> sweep, MediaSweepSettings settings) {
		return Tasks.recurring(SWEEP, Schedules.fixedDelay(settings.interval()))
			.execute((instance, context) -> {
				int deleted = sweep.getObject().sweep();
				if (deleted > 0) {
					log.info("{} media objects no photo uses were deleted from the store", deleted);
				}
			});
	}
}
