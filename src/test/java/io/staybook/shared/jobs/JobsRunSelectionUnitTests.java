package io.staybook.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.boot.config.startup.ContextReadyStart;
import com.github.kagkarlsson.scheduler.boot.config.startup.ImmediateStart;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * {@code staybook.jobs.run} decides, when the beans are made, whether the scheduler starts and whether its health
 * component exists (not bean conditions, which an AOT-processed jar fixes at build time).
 */
class JobsRunSelectionUnitTests {

	final Scheduler scheduler = mock(Scheduler.class);

	final DbSchedulerProperties properties = new DbSchedulerProperties();

	@Test
	void aNodeThatRunsJobsStartsTheSchedulerAsTheStarterWould() {
		properties.setDelayStartupUntilContextReady(true);
		assertThat(new JobsConfig().dbSchedulerStarter(scheduler, properties, settings(true)))
			.isInstanceOf(ContextReadyStart.class);
		properties.setDelayStartupUntilContextReady(false);
		assertThat(new JobsConfig().dbSchedulerStarter(scheduler, properties, settings(true)))
			.isInstanceOf(ImmediateStart.class);
	}

	@Test
	void aNodeThatDoesNotRunJobsStartsNoScheduler() {
		assertThat(new JobsConfig().dbSchedulerStarter(scheduler, properties, settings(false)))
			.isNotInstanceOfAny(ContextReadyStart.class, ImmediateStart.class);
	}

	@Test
	void theSchedulersHealthIsAComponentOnlyWhereJobsRun() throws Exception {
		assertThat(health(true).getContributor("dbScheduler")).isNotNull();
		assertThat(health(false).getContributor("dbScheduler")).isNull();
	}

	private HealthContributorRegistry health(boolean run) throws Exception {
		HealthContributorRegistry registry = new DefaultHealthContributorRegistry();
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("scheduler", scheduler);
		beans.addBean("registry", registry);
		new JobsConfig()
			.dbSchedulerHealth(settings(run), beans.getBeanProvider(Scheduler.class),
					beans.getBeanProvider(HealthContributorRegistry.class))
			.afterPropertiesSet();
		return registry;
	}

	private static JobSettings settings(boolean run) {
		return new JobSettings(run, Duration.ofSeconds(30), 8);
	}
}
