package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.actuator.DbSchedulerHealthIndicator;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerStarter;
import com.github.kagkarlsson.scheduler.boot.config.startup.ContextReadyStart;
import com.github.kagkarlsson.scheduler.boot.config.startup.ImmediateStart;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether this node runs jobs ({@code staybook.jobs.run}) is decided when the application starts, inside beans that
 * always exist, not by bean conditions: an AOT-processed jar, whose beans are fixed at build time, follows it too.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfig {

	private static final Logger log = LoggerFactory.getLogger(JobsConfig.class);

	/** Jobs fall due by the application's clock, so that tests can move time instead of waiting. */
	@Bean
	com.github.kagkarlsson.scheduler.Clock schedulerClock(Clock clock) {
		return clock::instant;
	}

	/**
	 * The jobs' data as JSON, written and read with the application's mapper; rows written before as Java serialization
	 * are still read, through an allow-list of the tasks' data classes ({@link JobDataSerializer}).
	 */
	@Bean
	JobDataSerializer jobDataSerializer(JsonMapper json, List<Task<?>> tasks) {
		JobDataSerializer serializer = JobDataSerializer.of(json, tasks);
		log.debug("Job data as JSON; rows in Java serialization are read for {} only", serializer.legacyClasses());
		return serializer;
	}

	/** Hands {@link #jobDataSerializer} to db-scheduler's starter, whose default is Java serialization. */
	@Bean
	DbSchedulerCustomizer jobDataFormat(JobDataSerializer serializer) {
		return new DbSchedulerCustomizer() {
			@Override
			public Optional<Serializer> serializer() {
				return Optional.of(serializer);
			}
		};
	}

	/**
	 * Starts the scheduler as db-scheduler's starter would (when the context is ready, or at once, by
	 * {@code db-scheduler.delay-startup-until-context-ready}), on a node that runs jobs. A node with
	 * {@code staybook.jobs.run=false} still schedules jobs, in its transactions, but runs none.
	 */
	@Bean
	DbSchedulerStarter dbSchedulerStarter(Scheduler scheduler, DbSchedulerProperties config, JobSettings settings) {
		if (!settings.run()) {
			return () -> log.info("staybook.jobs.run=false: this node schedules jobs but does not run them");
		}
		return config.isDelayStartupUntilContextReady() ? new ContextReadyStart(scheduler)
				: new ImmediateStart(scheduler);
	}

	/**
	 * db-scheduler's health indicator ({@code dbScheduler}) on a node that runs jobs; a node that does not has no
	 * running scheduler and is healthy all the same, so it has none. The starter's own indicator is off
	 * (application.yaml), since it is a bean condition.
	 */
	@Bean
	InitializingBean dbSchedulerHealth(JobSettings settings, ObjectProvider<Scheduler> scheduler,
			ObjectProvider<HealthContributorRegistry> health) {
		return () -> {
			if (settings.run()) {
				health.ifAvailable(registry -> registry.registerContributor("dbScheduler",
						new DbSchedulerHealthIndicator(scheduler.getObject())));
			}
		};
	}
}
