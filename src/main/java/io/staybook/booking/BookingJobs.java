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

/** The booking module's background jobs. All are idempotent: a second run finds nothing left to do. */
@Configuration(proxyBeanMethods = false)
class BookingJobs {

	private static final Logger log = LoggerFactory.getLogger(BookingJobs.class);

	/**
	 * The one-time job each hold had before the sweep: rows of it scheduled before the upgrade still run (and expire
	 * their hold if it is due), so that db-scheduler finds a handler for them; nothing schedules it any more.
	 */
	static final String EXPIRE_HOLD = "expire-hold";

	static final String EXPIRE_HOLDS = "expire-holds";

	static final String COMPLETE_STAYS = "complete-stays";

	static final String BOOKING_MAIL = "booking-mail";

	@Bean
	OneTimeTask<UUID> expireHoldTask(ObjectProvider<BookingService> bookings, RetryPolicy retries) {
		return Tasks.oneTime(EXPIRE_HOLD, UUID.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> bookings.getObject().expireHold(instance.getData()));
	}

	/**
	 * Every {@code staybook.bookings.sweep-interval}: holds past their time expire, in bounded batches (see
	 * {@link BookingService#expireOverdueHolds}). A recurring job runs on one node at a time; its batches skip rows
	 * others hold, so that it never queues behind bookings.
	 */
	@Bean
	RecurringTask<Void> expireHoldsTask(ObjectProvider<BookingService> bookings, BookingSettings settings) {
		return Tasks.recurring(EXPIRE_HOLDS, Schedules.fixedDelay(settings.sweepInterval()))
			.execute((instance, context) -> {
				int expired = bookings.getObject().expireOverdueHolds();
				if (expired > 0) {
					log.info("{} holds past their time expired", expired);
				}
			});
	}

	/** One job per booking event: sends the guest's and the host's mail, each once however often it is retried. */
	@Bean
	OneTimeTask<BookingMails.Notice> bookingMailTask(ObjectProvider<BookingMails> mails, RetryPolicy retries) {
		return Tasks.oneTime(BOOKING_MAIL, BookingMails.Notice.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> mails.getObject().deliver(instance.getData()));
	}

	/** Every few minutes: stays whose check-out date has passed are completed. */
	@Bean
	RecurringTask<Void> completeStaysTask(ObjectProvider<BookingService> bookings, BookingSettings settings) {
		return Tasks.recurring(COMPLETE_STAYS, Schedules.fixedDelay(settings.completionInterval()))
			.execute((instance, context) -> {
				BookingService service = bookings.getObject();
				// each call is its own transaction: one bad booking does not hold back the others
				int failed = eachOf(service.staysPossiblyOver(), service::completeIfOver);
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
