package io.staybook.shared;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for every "now" in the domain, so that tests can move time instead of waiting for it. */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

	/** Tests replace it with a {@code @Primary} clock they move; not a bean condition, which AOT would fix at build time. */
	@Bean
	Clock clock() {
		// PostgreSQL keeps microseconds: a timestamp returned before and after a round trip must be the same
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
	}
}
