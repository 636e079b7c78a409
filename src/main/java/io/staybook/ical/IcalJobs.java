package io.staybook.ical;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Calendar sync's jobs (db-scheduler). Each import is due every {@code staybook.ical.sync-interval} (its
 * {@code next_sync_at}); one recurring sweep a minute takes the due ones with a single indexed query
 * ({@link IcalImports#claimDue}, {@code for update skip locked}) and syncs them one after another, one failing
 * stopping none of the others ({@link IcalSync#syncEach}), so that a thousand imports are a thousand rows, not a
 * thousand scheduled tasks, and a sync that dies is retried at its next turn. A
 * new import is also synced once right after its creation commits, by a one-time job.
 */
@Configuration(proxyBeanMethods = false)
class IcalJobs {

	static final String FIRST_SYNC = "ical-first-sync";

	static final String SYNC_DUE = "ical-sync-due";

	@Bean
	OneTimeTask<UUID> icalFirstSyncTask(ObjectProvider<IcalSync> sync) {
		return Tasks.oneTime(FIRST_SYNC, UUID.class)
			.execute((instance, context) -> sync.getObject().sync(instance.getData()));
	}

	@Bean
	RecurringTask<Void> icalSyncDueTask(ObjectProvider<IcalSync> sync, ObjectProvider<IcalImports> imports,
			IcalSettings settings, Clock clock) {
		return Tasks.recurring(SYNC_DUE, Schedules.fixedDelay(Duration.ofMinutes(1)))
			.execute((instance, context) -> {
				sync.getObject().syncEach(imports.getObject().claimDue(clock.instant(), settings.syncInterval(),
						settings.sweepBatch()));
			});
	}
}
