package io.staybook.shared.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param run whether this node executes jobs (it always can schedule them); off in tests that do not exercise jobs
 * @param firstRetryDelay the wait before the first retry of a failed job; each next wait doubles
 * @param maxRetries retries before a job is moved to the dead-letter table
 */
@ConfigurationProperties("staybook.jobs")
public record JobSettings(@DefaultValue("true") boolean run, @DefaultValue("30s") Duration firstRetryDelay,
		@DefaultValue("8") int maxRetries) {

	/** The longest a job can go on being retried: the sum of its waits, {@code firstRetryDelay × (2^maxRetries − 1)}. */
	public Duration retrySpan() {
		return firstRetryDelay.multipliedBy((1L << maxRetries) - 1);
	}
}
