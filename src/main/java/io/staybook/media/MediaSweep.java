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
 * Why a photo that commits always finds its objects stored, whatever the interleaving, although an upload puts its
 * objects before the transaction that inserts its row (so that a stalled store holds neither a connection nor the
 * listing's row lock, PhotoService). All times are the database's clock. An upload (1) claims its keys
 * ({@link MediaObjects#claim}: {@code stored_at} set to at least the claim's time {@code c}, and it only ever moves
 * forward, V38), (2) puts the objects, (3) in one transaction inserts its row, whose trigger counts the keys and
 * locks their rows until it ends (V28), and checks that the clock is still before {@code c + grace}
 * ({@link MediaObjects#keep}), else rolls back (503; the client sends it again), (4) commits. A batch here, in one
 * transaction begun at {@code t}: (a) claims rows with {@code photos = 0 and stored_at < t - grace} with
 * {@code FOR UPDATE SKIP LOCKED}, PostgreSQL re-checking the condition on the newest version of a row it locks,
 * (b) deletes their objects from the store, (c) deletes the rows, (d) commits. Take one key:
 * <ul>
 * <li>(a) locked the row before (1): the claim waits for (d), finds the row gone and inserts it afresh; the puts
 * come after the sweep has finished with the key.</li>
 * <li>(a) locked the row after (1): it saw {@code stored_at >= c}, so {@code t > c + grace}. If (3) locks the row
 * after that, it waits for (d), so its check runs after {@code t} and fails: the photo does not commit. If (3) locked
 * it first, (a) skips it, or sees {@code photos = 1} once the photo committed.</li>
 * </ul>
 * So the grace is what makes the sweep safe, with the check in (3): it must be longer than an upload takes from its
 * claim to its insert (four bounded puts, the listing's turn and a short transaction: seconds), and an upload slower
 * than that is refused rather than committed without its objects. An upload whose transaction refuses it (the
 * gallery full meanwhile, the listing removed), fails, or is an idempotent replay (which stores the same keys again,
 * those of the photo it replays) leaves its objects claimed and unused: they are deleted here after the grace, not at
 * once, because another upload of the same bytes may have claimed and put them and be about to commit. The node
 * stopping between (2) and (4) leaves the same.
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

	/**
	 * Deletes every unused object unclaimed for {@code grace}, a batch per transaction; returns how many. A grace below
	 * the configured one (tests pass zero) may take the objects of an upload in flight, whose photo then commits
	 * without them: only with no upload under way.
	 */
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
