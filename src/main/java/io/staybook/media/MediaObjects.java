package io.staybook.media;

import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The register of stored objects ({@code media_objects}, V28): every key the service has stored or is about to store,
 * with how many photo columns name it ({@code photos}, kept by the database's triggers on {@code property_photos}).
 * An object whose count is 0 is no longer served ({@link #inUse}) and is deleted from the {@link MediaStore} by the
 * media sweep once its grace has passed (README, "Listing photos", "Removing stored images").
 */
@Component
public class MediaObjects {

	private final JdbcClient jdbc;

	MediaObjects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Lists {@code keys} ({@link MediaKeys#isValid}) as stored now, before their objects are put, in its own statement
	 * (call it outside a transaction that may roll back): an object put and then never used (its photo's transaction
	 * rolled back, the node stopped between the put and the commit) is thus still known, and swept after the grace.
	 * Waits while the sweep is deleting one of the keys, then lists it afresh. This only records intent; what keeps an
	 * object from the sweep is the row lock and count taken when a photo row naming it is inserted.
	 */
	public void claim(Collection<String> keys) {
		jdbc.sql("""
				insert into media_objects as m (key, stored_at)
				select distinct k, now() from unnest(?::text[]) as k order by k
				on conflict (key) do update set stored_at = excluded.stored_at""")
			.param(keys.toArray(String[]::new))
			.update();
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
