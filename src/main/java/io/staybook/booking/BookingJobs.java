package io.staybook.booking;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.staybook.shared.jobs.RetryPolicy;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The booking module's background jobs. Both are idempotent: a second run finds nothing left to do. */
@Configuration(proxyBeanMethods = false)
class BookingJobs {

	static final String EXPIRE_HOLD = "expire-hold";

	static final String COMPLETE_STAYS = "complete-stays";

	/** Runs at a booking's {@code expires_at}: an unpaid booking then expires and frees its dates. */
	@Bean
	OneTimeTask<UUID> expireHoldTask(ObjectProvider<BookingService> bookings, RetryPolicy retries) {
		return Tasks.oneTime(EXPIRE_HOLD, UUID.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> bookings.getObject().expireHold(instance.getData()));
	}

	/** Every few minutes: stays whose check-out date has passed, and holds whose expiry was missed, are closed. */
	@Bean
	RecurringTask<Void> completeStaysTask(ObjectProvider<BookingService> bookings, BookingSettings settings) {
		return Tasks.recurring(COMPLETE_STAYS, Schedules.fixedDelay(settings.completionInterval()))
			.execute((instance, context) -> {
				BookingService service = bookings.getObject();
				// each call is its own transaction: one bad booking does not hold back the others
				service.staysPossiblyOver().forEach(service::completeIfOver);
				service.overdueHolds().forEach(service::expireHold);
			});
	}
}
