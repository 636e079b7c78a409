package io.staybook.shared.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read replica ({@code staybook.datasource.replica.*}). Without a {@code url} there is none: every statement goes
 * to the primary, as without this feature, and no second pool exists.
 *
 * @param url JDBC URL of a streaming replica of the primary (a hot standby), e.g.
 * {@code jdbc:postgresql://10.0.0.2:5432/staybook}; blank: no replica
 * @param username its user; unset: {@code spring.datasource.username}
 * @param password its password; unset: {@code spring.datasource.password}
 * @param maximumPoolSize connections to the replica per node; unset: {@code spring.datasource.hikari.maximum-pool-size}
 * @param maxLag a replica further behind the primary than this (by {@link ReplicaLagMonitor}'s measure), or not
 * answering, is bypassed: its reads go to the primary until it has caught up
 * @param lagCheckInterval how often the replica's lag is measured
 */
@ConfigurationProperties("staybook.datasource.replica")
public record ReplicaSettings(String url, String username, String password, Integer maximumPoolSize,
		@DefaultValue("5s") Duration maxLag, @DefaultValue("2s") Duration lagCheckInterval) {

	/** @throws IllegalArgumentException for a negative lag allowed, or a lag check interval that is not positive */
	public ReplicaSettings {
		if (maxLag.isNegative() || lagCheckInterval.isNegative() || lagCheckInterval.isZero()) {
			throw new IllegalArgumentException(
					"staybook.datasource.replica.max-lag must be at least 0 and lag-check-interval above 0");
		}
	}
}
