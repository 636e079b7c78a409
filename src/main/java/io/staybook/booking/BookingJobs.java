package io.staybook.booking;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.staybook.shared.jobs.RetryPolicy;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The booking module's background jobs. Both are idempotent: a second run finds nothing left to do. */
@Configuration(proxyBeanMethods = false)
class BookingJobs {

	private static final Logger log = LoggerFactory.getLogger(BookingJobs.class);

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
				int failed = eachOf(service.staysPossiblyOver(), service::completeIfOver)
						+ eachOf(service.overdueHolds(), service::expireHold);
				if (failed > 0) {
					// the run is marked failed, so that the job queue shows it; the next run tries them again
					throw new IllegalStateException(failed + " bookings could not be closed; see the log");
				}
			});
	}

	/** Applies {@code close} to each booking, going on past those that fail; returns how many failed. */
	private static int eachOf(List<UUID> bookingIds, Consumer<UUID> close) {
		int failed = 0;
		for (UUID id : bookingIds) {
			try {
				close.accept(id);
			}
			catch (RuntimeException ex) {
				failed++;
				log.warn("Booking {} could not be closed by the {} job", id, COMPLETE_STAYS, ex);
			}
		}
		return failed;
	}
}
