package io.staybook.shared.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retentions that would break a guarantee are refused at start, and purges take only plain table names. */
class RetentionUnitTests {

	@Test
	void aJobIsRetriedForAtMostTheSumOfItsBackOffs() {
		// 30 s, 1 min, 2 min, ... 64 min: 8 retries
		assertThat(new JobSettings(true, Duration.ofSeconds(30), 8).retrySpan())
			.isEqualTo(Duration.ofSeconds(30 * 255));
	}

	@Test
	void aRetentionShorterThanItsGuaranteeIsRefused() {
		Purge purge = new Purge("sent_mails", "sent_at", Duration.ofHours(1));

		assertThatThrownBy(() -> purge.keepingAtLeast(Duration.ofHours(2), "a retried job would send twice"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("sent_mails")
			.hasMessageContaining("a retried job would send twice");
		assertThat(purge.keepingAtLeast(Duration.ofHours(1), "equal is enough")).isSameAs(purge);
	}

	@Test
	void onlyPlainIdentifiersAndPositiveRetentions() {
		assertThatThrownBy(() -> new Purge("sent_mails; drop table users", "sent_at", Duration.ofDays(1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Purge("sent_mails", "sent_at", Duration.ZERO))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RetentionSettings(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(1), 0,
				Duration.ofHours(1)))
			.isInstanceOf(IllegalArgumentException.class);
	}
}
