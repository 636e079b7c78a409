package io.staybook.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.staybook.test.Api.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Two requests ordered by a row locked from outside the service: the row is locked from a connection of the test's
 * own, the first request sent and left waiting for a lock, then the second, and then the row is let go. Which lock
 * each waits for is the service's business; the test judges the answers.
 */
public final class HeldRowRace {

	private HeldRowRace() {
	}

	/**
	 * Locks the row that {@code lockQuery} (a {@code select ... for update} with one parameter) finds for
	 * {@code parameter}, sends {@code first} and waits until it waits for a lock, sends {@code second} and waits until it
	 * waits too, then lets the row go; the two answers, in that order.
	 */
	public static List<Response> race(DataSource dataSource, String lockQuery, Object parameter, Callable<Response> first,
			Callable<Response> second) throws Exception {
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
				Connection outside = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
						pool.getPassword())) {
			outside.setAutoCommit(false);
			try (PreparedStatement lock = outside.prepareStatement(lockQuery)) {
				lock.setObject(1, parameter);
				try (ResultSet row = lock.executeQuery()) {
					assertThat(row.next()).as("the row to hold exists").isTrue();
				}
			}
			Future<Response> firstAnswer = clients.submit(first);
			awaitWaitingForLocks(outside, 1);
			Future<Response> secondAnswer = clients.submit(second);
			awaitWaitingForLocks(outside, 2);
			outside.rollback();
			return List.of(firstAnswer.get(30, TimeUnit.SECONDS), secondAnswer.get(30, TimeUnit.SECONDS));
		}
	}

	/** Until {@code count} other sessions of this database wait for a lock (the service's lock_timeout is 3 s). */
	private static void awaitWaitingForLocks(Connection outside, int count) throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		try (PreparedStatement waiting = outside.prepareStatement("""
				select count(*) from pg_stat_activity
				where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'""")) {
			while (true) {
				try (ResultSet rows = waiting.executeQuery()) {
					rows.next();
					if (rows.getInt(1) >= count) {
						return;
					}
				}
				assertThat(System.nanoTime()).as("%d requests wait for a lock", count).isLessThan(deadline);
				Thread.sleep(10);
			}
		}
	}
}
