package io.staybook.media;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes from the {@link MediaStore} the objects that no photo uses any more ({@code media_objects.photos = 0}, V28)
 * and that nobody claimed within the grace ({@link MediaSweepSettings}), oldest first, a batch per transaction. Keys
 * are content addresses shared by every photo of the same bytes, so a key goes only when its count is 0.
 * <p>
 * Why an upload of the same bytes never loses its object, whatever the interleaving. An upload inserts its photo row
 * and only then puts the objects, in one transaction; the insert's trigger adds to the keys' counts, which locks their
 * {@code media_objects} rows until that transaction ends. A batch here, in one transaction: (1) claims unused rows
 * with {@code FOR UPDATE SKIP LOCKED}, (2) deletes their objects from the store, (3) deletes the rows, (4) commits.
 * <ul>
 * <li>The upload locked the key first: (1) skips the locked row; once the upload commits the count is 1.</li>
 * <li>The upload committed between (1)'s snapshot and its lock: PostgreSQL re-checks the claim's condition on the
 * newest version of a row it locks (READ COMMITTED's re-check), which now has {@code photos = 1}: not claimed.</li>
 * <li>The sweep locked the key first: the upload's trigger waits on the row until (4); the row is then gone, so the
 * trigger inserts it afresh, and the upload puts its objects after that, into a store the sweep has finished with.</li>
 * </ul>
 * So a photo that commits always finds its objects stored. {@link MediaObjects#claim}, run before the objects are put,
 * only makes an object whose photo never commits known to this sweep; the grace is a margin, not the argument.
 * Deleting a missing object is harmless in both stores; an object whose deletion fails keeps its row and is tried
 * again by the next run, and so does the rest of its batch: a failing store fails them all, each after its timeout,
 * while the batch's rows stay locked. Safe on several nodes at once.
 */
@Component
class MediaSweep {

	private static final Logger log = LoggerFactory.getLogger(MediaSweep.class);

	private final JdbcClient jdbc;

	private final MediaStore store;

	private final MediaSweepSettings settings;

	private final TransactionTemplate transactions;

	MediaSweep(JdbcClient jdbc, MediaStore store, MediaSweepSettings settings, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.store = store;
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactions);
	}

	/** Deletes every unused object past the configured grace; returns how many. */
	int sweep() {
		return sweep(settings.grace());
	}

	/** Deletes every unused object unclaimed for {@code grace}, a batch per transaction; returns how many. */
	int sweep(Duration grace) {
		int deleted = 0;
		while (true) {
			Batch batch = transactions.execute(status -> batch(grace));
			deleted += batch.deleted();
			if (batch.claimed() < settings.batch() || batch.deleted() < batch.claimed()) {
				// the last batch, or one whose failures the next run retries
				return deleted;
			}
		}
	}

	private Batch batch(Duration grace) {
		List<String> claimed = jdbc.sql("""
				select key from media_objects
				where photos = 0 and stored_at < now() - ? * interval '1 millisecond'
				order by stored_at limit ?
				for update skip locked""")
			.params(grace.toMillis(), settings.batch())
			.query(String.class)
			.list();
		List<String> deleted = new ArrayList<>(claimed.size());
		for (String key : claimed) {
			try {
				store.delete(key);
				deleted.add(key);
			}
			catch (RuntimeException ex) {
				// the store is failing: the rest of the batch would fail too, each after the store's timeout, with
				// every claimed row locked meanwhile (an upload of the same bytes waits on it); the next run retries
				log.warn("Could not delete the unused media object {}; the next sweep tries it and {} more: {}", key,
						claimed.size() - deleted.size() - 1, ex.toString());
				break;
			}
		}
		if (!deleted.isEmpty()) {
			jdbc.sql("delete from media_objects where key = any(?)").param(deleted.toArray(String[]::new)).update();
		}
		return new Batch(claimed.size(), deleted.size());
	}

	private record Batch(int claimed, int deleted) {
	}
}
