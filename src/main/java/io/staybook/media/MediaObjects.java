package io.staybook.media;

import io.staybook.shared.DomainException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * The register of stored objects ({@code media_objects}, V28): every key the service has stored or is about to store,
 * with how many photo columns name it ({@code photos}, kept by the database's triggers on {@code property_photos}).
 * An object whose count is 0 is no longer served ({@link #inUse}) and is deleted from the {@link MediaStore} by the
 * media sweep once its grace has passed (README, "Listing photos", "Removing stored images").
 * <p>
 * How an upload stores objects without holding a transaction across the store's calls: {@link #claim} the keys (its
 * own statement), put the objects (no connection held), then, in the transaction that inserts the rows naming them,
 * {@link #keep} the claim. Why the sweep then never deletes an object a committed row names: {@link MediaSweep}.
 */
@Component
public class MediaObjects {

	private final JdbcClient jdbc;

	private final MediaSweepSettings settings;

	MediaObjects(JdbcClient jdbc, MediaSweepSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * Keys listed as about to be stored, and when by the database's clock: the sweep leaves them for its grace from
	 * then ({@link MediaSweepSettings#grace()}), and a row naming them may be inserted until then ({@link #keep}).
	 */
	public record Claim(List<String> keys, Instant at) {
	}

	/**
	 * Lists {@code keys} ({@link MediaKeys#isValid}) as stored now, before their objects are put, in its own statement
	 * outside any transaction (it refuses to run inside one, whose rollback would unlist them or whose lock would be
	 * held across the store's calls): an object put and then never used (its photo refused or rolled back, the node
	 * stopped between the put and the commit) is thus still known, and swept after the grace. Waits while the sweep is
	 * deleting one of the keys, then lists it afresh, so the objects put after it returns are not deleted by that sweep.
	 * A key's time of claim only ever moves forward ({@code greatest}), whoever claims it.
	 */
	public Claim claim(Collection<String> keys) {
		// not @Transactional(propagation = NEVER): its empty transaction would keep this statement's connection bound
		// to the thread until the caller's method ends, across the puts that follow
		Assert.state(!TransactionSynchronizationManager.isActualTransactionActive(),
				"media keys are claimed outside any transaction, before their objects are put");
		Instant at = jdbc.sql("""
				with claimed as (
				  insert into media_objects as m (key, stored_at)
				  select distinct k, now() from unnest(?::text[]) as k order by k
				  on conflict (key) do update set stored_at = greatest(m.stored_at, excluded.stored_at))
				select now()""")
			.param(keys.toArray(String[]::new))
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
		return new Claim(List.copyOf(keys), at);
	}

	/**
	 * Confirms, in the transaction that has just inserted the rows naming {@code claim}'s keys (whose trigger locked
	 * their {@code media_objects} rows until it ends), that the claim is still within the grace by the database's
	 * clock: no sweep can have deleted an object of it since it was put, nor can one until this transaction ends
	 * ({@link MediaSweep}). An upload that took longer (the grace is an hour by default, an upload some seconds)
	 * must store its objects again.
	 * @throws DomainException 503 {@code service_unavailable} when the grace has passed; the transaction should roll
	 *         back, and the client retry
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void keep(Claim claim) {
		boolean within = jdbc.sql("select clock_timestamp() < ?::timestamptz + ? * interval '1 millisecond'")
			.params(claim.at().atOffset(ZoneOffset.UTC), settings.grace().toMillis())
			.query(Boolean.class)
			.single();
		if (!within) {
			throw DomainException.unavailable("service_unavailable",
					"Storing the photo took too long; send it again.", MediaStore.RETRY_AFTER);
		}
	}

	/**
	 * Whether a committed photo names {@code key}: an object no photo uses any more (its photo deleted, its listing
	 * removed) is not served even before the sweep deletes it. One primary-key lookup.
	 */
	public boolean inUse(String key) {
		return jdbc.sql("select exists (select 1 from media_objects where key = ? and photos > 0)")
			.param(key)
			.query(Boolean.class)
			.single();
	}
}
