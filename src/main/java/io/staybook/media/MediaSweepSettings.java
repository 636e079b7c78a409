package io.staybook.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code staybook.media.sweep.*}: the job that deletes stored objects no photo uses any more ({@link MediaSweep}).
 *
 * @param interval how often it runs; until then an unused object is stored but no longer served
 * @param grace how long an object listed by an upload ({@link MediaObjects#claim}) is kept unused before it may be
 *        deleted, at least a minute: an upload puts its objects before inserting the row that names them, and must
 *        insert it within the grace of its claim or is refused with 503 (see {@link MediaSweep} for why this makes the
 *        sweep safe); an upload takes seconds
 * @param batch objects claimed and deleted per transaction
 */
@ConfigurationProperties("staybook.media.sweep")
public record MediaSweepSettings(@DefaultValue("10m") Duration interval, @DefaultValue("1h") Duration grace,
		@DefaultValue("200") int batch) {

	/** The least grace: above an upload's four bounded puts, its listing's turn and its transaction, with room. */
	static final Duration MIN_GRACE = Duration.ofMinutes(1);

	/** @throws IllegalArgumentException for a batch under 1 or a grace under a minute (the application does not start) */
	public MediaSweepSettings {
		if (batch < 1) {
			throw new IllegalArgumentException("staybook.media.sweep.batch must be at least 1");
		}
		if (grace.compareTo(MIN_GRACE) < 0) {
			throw new IllegalArgumentException("staybook.media.sweep.grace must be at least 1m: an upload stores its"
					+ " objects before their photo's row, and must add the row within the grace, got " + grace);
		}
	}
}
