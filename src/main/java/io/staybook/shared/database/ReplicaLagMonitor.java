package io.staybook.shared.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Measures the replica's lag every {@code lag-check-interval} and tells the {@link ReadReplica}. The lag is how far
 * behind the primary's clock the last transaction the replica replayed is ({@code now() -
 * pg_last_xact_replay_timestamp()}), but 0 while the replica has replayed everything it has received from a WAL
 * receiver that is running: a primary with nothing to send is not a lagging replica. (Right after a quiet spell the
 * first new transaction shows the quiet spell as lag until it is replayed, a few milliseconds; a measure then may
 * bypass the replica until the next one.) A replica that does not answer within {@code max-lag} (at least a second)
 * counts as not answering. Uses only functions and views any role may read, so the service's restricted role can.
 */
final class ReplicaLagMonitor implements SmartLifecycle {

	static final String LAG_QUERY = """
			select case
			  when not pg_is_in_recovery() then 0
			  when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() and exists (select from pg_stat_wal_receiver) then 0
			  else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0)
			end""";

	private final ReadReplica replica;

	private final Duration interval;

	private final int networkTimeoutMillis;

	private ScheduledExecutorService timer;

	ReplicaLagMonitor(ReadReplica replica, Duration interval) {
		this.replica = replica;
		this.interval = interval;
		this.networkTimeoutMillis = (int) Math.max(1000, replica.maxLag().toMillis());
	}

	/** Measures once, now. */
	void check() {
		try (Connection connection = replica.pool().getConnection()) {
			connection.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
			try (Statement statement = connection.createStatement(); ResultSet lag = statement.executeQuery(LAG_QUERY)) {
				lag.next();
				replica.measured(Math.max(0, lag.getDouble(1)));
			}
		}
		catch (Exception ex) {
			replica.unreachable(ex);
		}
	}

	@Override
	public synchronized void start() {
		timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("replica-lag").factory());
		timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (timer != null) {
			timer.shutdownNow();
			timer = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return timer != null;
	}
}
