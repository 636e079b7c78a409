package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerConfigurationSupport;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import io.staybook.test.MutableClock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Scheduler nodes for tests that need more than one on the same database: built as the application builds its own. */
final class SchedulerNodes {

	private SchedulerNodes() {
	}

	/**
	 * A node named {@code name} from {@code db-scheduler.*} {@code properties}, on the application's clock, storing job
	 * data with the application's {@code serializer}.
	 */
	static Scheduler node(String name, DbSchedulerProperties properties, MutableClock clock, DataSource database,
			JobDataSerializer serializer, Task<?> task) {
		DbSchedulerCustomizer named = new DbSchedulerCustomizer() {
			@Override
			public Optional<SchedulerName> schedulerName() {
				return Optional.of(new SchedulerName.Fixed(name));
			}

			@Override
			public Optional<Serializer> serializer() {
				return Optional.of(serializer);
			}
		};
		return DbSchedulerConfigurationSupport.buildScheduler(properties, named, StatsRegistry.NOOP, clock::instant,
				database, List.of(task), List.of(), List.of());
	}
}
