package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerStarter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JobsConfig {

	private static final Logger log = LoggerFactory.getLogger(JobsConfig.class);

	/** Jobs fall due by the application's clock, so that tests can move time instead of waiting. */
	@Bean
	com.github.kagkarlsson.scheduler.Clock schedulerClock(Clock clock) {
		return clock::instant;
	}

	/** A node with {@code staybook.jobs.run=false} still schedules jobs, in its transactions, but runs none. */
	@Bean
	@ConditionalOnBooleanProperty(name = "staybook.jobs.run", havingValue = false)
	DbSchedulerStarter schedulerNotStarted() {
		return () -> log.info("staybook.jobs.run=false: this node schedules jobs but does not run them");
	}
}
