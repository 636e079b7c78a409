package io.staybook.shared.persistence;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction of its own, and again (up to {@value #MAX_ATTEMPTS} attempts) when PostgreSQL chose it as
 * the victim of a deadlock or a serialization failure, which the database resolves by aborting one side: retrying the
 * whole transaction is the documented remedy (PostgreSQL manual, 13.2 "Transaction Isolation").
 * <p>
 * All attempts together stay within {@code staybook.database.retry-budget} (default {@value #DEFAULT_BUDGET}, the
 * statement timeout: a client waits no longer for a write that meets contention than for one slow statement): a retry
 * starts only while at least {@link #LEAST_ATTEMPT} of it is left, and waits for a lock at most what is left
 * ({@code lock_timeout} for its transaction). Without the bound a write that met a lock held elsewhere waited the
 * whole {@code lock_timeout} (3 s) five times, 15 s, before its 409.
 * <p>
 * Work called inside a transaction that already runs joins it and is not retried here: after a failed statement
 * PostgreSQL refuses every further statement of that transaction, so only the transaction's owner, retrying it as a
 * whole, can run the work again.
 */
@Component
public class RetryingTransactions {

	public static final int MAX_ATTEMPTS = 5;

	/** The property bounding all attempts of one transaction together (a {@link Duration}). */
	public static final String BUDGET = "staybook.database.retry-budget";

	static final String DEFAULT_BUDGET = "5s";

	/** The least time left worth another attempt. */
	static final Duration LEAST_ATTEMPT = Duration.ofMillis(200);

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final Duration budget;

	RetryingTransactions(TransactionTemplate transactions, JdbcClient jdbc,
			@Value("${" + BUDGET + ":" + DEFAULT_BUDGET + "}") Duration budget) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.budget = budget;
	}

	/**
	 * The value of {@code work}, committed; rethrows the last concurrency failure after the last attempt, or once the
	 * budget is spent.
	 */
	public <T> T execute(Supplier<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		long deadline = System.nanoTime() + budget.toNanos();
		for (int attempt = 1;; attempt++) {
			boolean retry = attempt > 1;
			try {
				return transactions.execute(status -> {
					if (retry) {
						waitForLocksAtMost(Duration.ofNanos(deadline - System.nanoTime()));
					}
					return work.get();
				});
			}
			catch (ConcurrencyFailureException victim) {
				if (attempt == MAX_ATTEMPTS || deadline - System.nanoTime() < LEAST_ATTEMPT.toNanos()) {
					throw victim;
				}
			}
		}
	}

	/**
	 * A retry waits for a lock no longer than the budget has left: {@code lock_timeout} for its transaction becomes
	 * what is left when that is shorter than the connection's own (or the connection has none, {@code 0}).
	 */
	private void waitForLocksAtMost(Duration left) {
		long millis = Math.max(1, left.toMillis());
		jdbc.sql("""
				select set_config('lock_timeout', case when own = interval '0' or own > cast(:left as interval)
				                                       then :setting else current_setting('lock_timeout') end, true)
				from (select cast(current_setting('lock_timeout') as interval) as own) s""")
			.param("left", millis + " milliseconds")
			.param("setting", millis + "ms")
			.query(String.class)
			.single();
	}
}
