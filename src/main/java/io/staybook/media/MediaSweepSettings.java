package io.staybook.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code staybook.media.sweep.*}: the job that deletes stored objects no photo uses any more ({@link MediaSweep}).
 *
 * @param interval how often it runs; until then an unused object is stored but no longer served
 * @param grace how long an object listed by an upload ({@link MediaObjects#claim}) is kept unused before it may be
 *        deleted: longer than an upload takes from its claim to its commit. Not what makes the sweep safe (row locks
 *        do, see {@link MediaSweep}), but a margin against the unforeseen
 * @param batch objects claimed and deleted per transaction
 */
@ConfigurationProperties("staybook.media.sweep")
public record MediaSweepSettings(@DefaultValue("10m") Duration interval, @DefaultValue("1h") Duration grace,
		@DefaultValue("200") int batch) {

	/** @throws IllegalArgumentException for a batch under 1 or a negative grace (the application does not start) */
	public MediaSweepSettings {
		if (batch < 1) {
			throw new IllegalArgumentException("staybook.media.sweep.batch must be at least 1");
		}
		if (grace.isNegative()) {
			throw new IllegalArgumentException("staybook.media.sweep.grace must not be negative");
		}
	}
}
