package io.staybook.shared.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what the declared {@link Purge}s no longer keep, a bounded batch at a time ({@link RetentionSettings#batchSize()}),
 * each batch in a short transaction of its own, until a batch finds fewer rows than its bound: however much has piled
 * up, no statement locks or logs more than one batch, and requests go on meanwhile. Rows that another transaction has
 * locked are skipped and taken at the next run. Run by the {@code purge-expired-records} job ({@link PurgeJobs}).
 */
@Component
public class BatchedPurge {

	private static final Logger log = LoggerFactory.getLogger(BatchedPurge.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final RetentionSettings settings;

	BatchedPurge(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
			RetentionSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/** What a purge did: rows deleted, in how many batches (statements). */
	public record Result(int deleted, int batches) {
	}

	/** Runs every purge; one that fails does not stop the others, and the first failure is thrown at the end. */
	public void purgeAll(List<Purge> purges) {
		RuntimeException failure = null;
		for (Purge purge : purges) {
			try {
				purge(purge, settings.batchSize());
			}
			catch (RuntimeException ex) {
				log.error("Purging {} failed; the next run tries again", purge.table(), ex);
				failure = failure == null ? ex : failure;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	/** Deletes the rows of {@code purge.table()} older than its retention, at most {@code batchSize} per statement. */
	public Result purge(Purge purge, int batchSize) {
		Timestamp cutoff = Timestamp.from(clock.instant().minus(purge.retention()));
		// by ctid: one plan for every table, whatever its key; the cutoff is checked again on the row deleted
		String sql = """
				delete from %1$s where ctid = any(array(
				    select ctid from %1$s where %2$s < ? limit ? for update skip locked)) and %2$s < ?"""
			.formatted(purge.table(), purge.timeColumn());
		int deleted = 0;
		int batches = 0;
		int batch;
		do {
			batch = transactions.execute(status -> jdbc.sql(sql).params(cutoff, batchSize, cutoff).update());
			deleted += batch;
			batches++;
		}
		while (batch == batchSize);
		if (deleted > 0) {
			log.info("Purged {} rows of {} older than {} ({} batches)", deleted, purge.table(), cutoff.toInstant(),
					batches);
		}
		return new Result(deleted, batches);
	}
}
