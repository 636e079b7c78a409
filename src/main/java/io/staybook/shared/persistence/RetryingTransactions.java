package io.staybook.shared.persistence;

import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction of its own, and again (up to {@value #MAX_ATTEMPTS} attempts) when PostgreSQL chose it as
 * the victim of a deadlock or a serialization failure, which the database resolves by aborting one side: retrying the
 * whole transaction is the documented remedy (PostgreSQL manual, 13.2 "Transaction Isolation").
 * <p>
 * Work called inside a transaction that already runs joins it and is not retried here: after a failed statement
 * PostgreSQL refuses every further statement of that transaction, so only the transaction's owner, retrying it as a
 * whole, can run the work again.
 */
@Component
public class RetryingTransactions {

	public static final int MAX_ATTEMPTS = 5;

	private final TransactionTemplate transactions;

	RetryingTransactions(TransactionTemplate transactions) {
		this.transactions = transactions;
	}

	/** The value of {@code work}, committed; rethrows the last concurrency failure after the last attempt. */
	public <T> T execute(Supplier<T> work) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		for (int attempt = 1;; attempt++) {
			try {
				return transactions.execute(status -> work.get());
			}
			catch (ConcurrencyFailureException victim) {
				if (attempt == MAX_ATTEMPTS) {
					throw victim;
				}
			}
		}
	}
}
