package io.staybook.review;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The publication sweep as a durable recurring job: every {@code staybook.reviews.sweep-interval} on one node at a
 * time (db-scheduler's row for it). No job per review: one indexed query finds the reviews whose window has closed.
 */
@Configuration(proxyBeanMethods = false)
class ReviewJobs {

	static final String PUBLISH = "publish-reviews";

	private static final Logger log = LoggerFactory.getLogger(ReviewJobs.class);

	@Bean
	RecurringTask<Void> publishReviewsTask(ObjectProvider<ReviewSweep> sweep, ReviewSettings settings) {
		return Tasks.recurring(PUBLISH, Schedules.fixedDelay(settings.sweepInterval()))
			.execute((instance, context) -> {
				int published = sweep.getObject().sweep();
				if (published > 0) {
					log.info("{} reviews published as their window closed", published);
				}
			});
	}
}
