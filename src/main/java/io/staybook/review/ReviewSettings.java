package io.staybook.review;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reviews, under {@code staybook.reviews}.
 *
 * @param sweepInterval how often reviews whose window has closed are written published; such a review reads published
 *        from the moment its window closed, whatever the interval (the sweep writes what was read)
 * @param batch how many reviews one transaction of the sweep publishes at most
 */
@ConfigurationProperties("staybook.reviews")
public record ReviewSettings(@DefaultValue("1m") Duration sweepInterval, @DefaultValue("500") int batch) {

	/** @throws IllegalArgumentException for a batch under 1 */
	public ReviewSettings {
		if (batch < 1) {
			throw new IllegalArgumentException("staybook.reviews.batch must be at least 1");
		}
	}
}
