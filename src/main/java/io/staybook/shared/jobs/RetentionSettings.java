package io.staybook.shared.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long records kept only for deduplication or for an operator are kept, and how the purges that enforce it run
 * ({@link BatchedPurge}). Idempotency keys are not here: their 24 hours are part of the API contract.
 *
 * @param sentMails how long a sent mail's key is kept ({@code sent_mails}); it stops a retried or revived mail job from
 * sending twice, so it must outlast every retry of that job ({@link JobSettings#retrySpan()}): checked at start
 * @param webhookEvents how long a provider event's id is kept ({@code webhook_events}); it makes a redelivered event
 * change nothing, so it must outlast the provider's redeliveries: Stripe retries for up to 3 days in live mode
 * (docs.stripe.com/webhooks, "Retry behavior"); checked at start
 * @param deadJobs how long a dead-lettered job stays visible to operators ({@code dead_jobs})
 * @param batchSize rows deleted per statement, each in a short transaction of its own
 * @param interval the wait between two runs of the purges
 */
@ConfigurationProperties("staybook.retention")
public record RetentionSettings(@DefaultValue("30d") Duration sentMails, @DefaultValue("30d") Duration webhookEvents,
		@DefaultValue("90d") Duration deadJobs, @DefaultValue("1000") int batchSize,
		@DefaultValue("1h") Duration interval) {

	/** @throws IllegalArgumentException for a batch size under 1 */
	public RetentionSettings {
		if (batchSize < 1) {
			throw new IllegalArgumentException("staybook.retention.batch-size must be at least 1");
		}
	}
}
