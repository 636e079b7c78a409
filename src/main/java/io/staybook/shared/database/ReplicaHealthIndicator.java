package io.staybook.shared.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code readReplica} health component, from the last lag measure (it asks the replica nothing itself, so it never
 * waits on it). UP while the replica serves reads; {@value #BYPASSED} while it lags past {@code max-lag} or does not
 * answer: reads then go to the primary and every request still works, so it ranks below UP and is no part of readiness
 * (which asks the primary only, {@code management.endpoint.health.group.readiness}).
 */
final class ReplicaHealthIndicator implements HealthIndicator {

	static final String BYPASSED = "DEGRADED";

	private final ReadReplica replica;

	ReplicaHealthIndicator(ReadReplica replica) {
		this.replica = replica;
	}

	@Override
	public Health health() {
		double lag = replica.lagSeconds();
		Health.Builder health = replica.serving() ? Health.up() : Health.status(BYPASSED);
		return health.withDetail("reads", replica.serving() ? "replica" : "primary")
			.withDetail("lag_seconds", Double.isNaN(lag) ? "unknown" : lag)
			.withDetail("max_lag_seconds", replica.maxLag().toMillis() / 1000.0)
			.build();
	}
}
