package io.staybook.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The sweep's grace is what keeps an upload's objects, put before their photo's row, from the sweep
 * ({@link MediaSweep}): one shorter than an upload takes would refuse every upload (or, without the check, lose their
 * images), so the application does not start with it.
 */
class MediaSweepSettingsUnitTests {

	@Test
	void aGraceUnderAMinuteIsRefused() {
		assertThatThrownBy(() -> new MediaSweepSettings(Duration.ofMinutes(10), Duration.ZERO, 200))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("staybook.media.sweep.grace");
		assertThatThrownBy(() -> new MediaSweepSettings(Duration.ofMinutes(10), Duration.ofSeconds(59), 200))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(new MediaSweepSettings(Duration.ofMinutes(10), Duration.ofMinutes(1), 200).grace())
			.isEqualTo(Duration.ofMinutes(1));
	}
}
