package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Listings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What every cache of listings must do, whichever store backs it: reads fill it, reads are served from it, and every
 * write empties it before the writer gets its answer. Subclasses name the store and how to look into it.
 */
abstract class PropertyCacheContract {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	CacheManager cacheManager;

	@Autowired
	JdbcTemplate jdbc;

	TestUser host;

	@BeforeEach
	void host() {
		host = accounts.host();
	}

	/**
	 * Whether the store itself holds the listing. A write leaves a tombstone under the key (see PropertyReader), which
	 * is not a listing.
	 */
	abstract boolean storeHolds(UUID id);

	/** Removes the listing from the store itself, behind the application's back. */
	abstract void removeFromStore(UUID id);

	/** Asserts that the application caches in the expected store. */
	abstract void assertStore(Object nativeCache);

	Cache cache() {
		return cacheManager.getCache(PropertyReader.CACHE);
	}

	/** A listing that is not in the cache yet. */
	UUID uncachedListing() {
		UUID id = UUID.fromString(Listings.id(listings.create(host)));
		removeFromStore(id);
		assertThat(storeHolds(id)).isFalse();
		return id;
	}

	static String path(UUID id) {
		return "/api/v1/properties/" + id;
	}

	@Test
	void theConfiguredStoreBacksTheCache() {
		assertThat(cache()).isNotNull();
		assertStore(cache().getNativeCache());
	}

	@Test
	void aReadFillsTheCache() {
		UUID id = uncachedListing();

		Api.Response response = api.get(path(id)).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(storeHolds(id)).isTrue();
		assertThat(cache().get(id, CachedListing.class).property().title())
			.isEqualTo(response.body().path("title").asString());
	}

	@Test
	void readsAreServedFromTheCacheUntilAWriteEvictsIt() {
		UUID id = uncachedListing();
		assertThat(api.get(path(id)).send().body().path("title").asString()).isEqualTo("Sunny loft by the canal");
		// behind the application's back: the cache does not know
		assertThat(jdbc.update("update properties set title = 'Changed in the database' where id = ?", id)).isOne();

		assertThat(api.get(path(id)).send().body().path("title").asString()).isEqualTo("Sunny loft by the canal");

		Api.Response patch = api.patch(path(id), Map.of("price_per_night", "99.00")).as(host).send();
		assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
		assertThat(patch.body().path("price_per_night").asString()).isEqualTo("99.00");
		JsonNode read = api.get(path(id)).send().body();
		assertThat(read.path("price_per_night").asString()).isEqualTo("99.00");
		assertThat(read.path("title").asString()).isEqualTo("Changed in the database");
	}

	@Test
	void aChangeEvictsTheCachedListingBeforeTheWriterGetsItsAnswer() {
		UUID id = uncachedListing();
		api.get(path(id)).send();
		assertThat(storeHolds(id)).isTrue();

		Api.Response patch = api.patch(path(id), Map.of("title", "Renovated loft")).as(host).send();

		assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
		assertThat(patch.body().path("title").asString()).isEqualTo("Renovated loft");
		assertThat(storeHolds(id)).isFalse();
		assertThat(api.get(path(id)).send().body().path("title").asString()).isEqualTo("Renovated loft");
		// a changed listing is read from PostgreSQL until its tombstone expires: no reader can put an older copy back
		assertThat(storeHolds(id)).isFalse();
	}

	@Test
	void everyChangeIsReadBackAtOnce() {
		UUID id = uncachedListing();
		for (int guests = 1; guests <= 40; guests++) {
			assertThat(api.get(path(id)).send().status()).isEqualTo(200);
			Api.Response patch = api.patch(path(id), Map.of("max_guests", guests)).as(host).send();
			assertThat(patch.status()).as(patch.toString()).isEqualTo(200);

			// the eviction is done when the write returns, not on its way
			assertThat(storeHolds(id)).as("cached after change %d", guests).isFalse();
			assertThat(api.get(path(id)).send().body().path("max_guests").asInt()).isEqualTo(guests);
		}
	}

	/**
	 * Readers that miss the cache while a change is being committed must not put the listing back as it was: a
	 * reader that read the old row before the commit and caches it after the writer's eviction would leave the old
	 * listing in the cache, for every later read, until it expires.
	 */
	@Test
	void aChangeIsNotUndoneByAConcurrentReader() throws Exception {
		UUID id = uncachedListing();
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService readers = Executors.newFixedThreadPool(6);
		List<Future<?>> running = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				running.add(readers.submit(() -> {
					while (!stop.get()) {
						api.get(path(id)).send();
					}
					return null;
				}));
			}
			List<String> stale = new ArrayList<>();
			for (int guests = 1; guests <= 60; guests++) {
				Api.Response patch = api.patch(path(id), Map.of("max_guests", guests)).as(host).send();
				assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
				// let the readers' requests in flight finish
				Thread.sleep(100);
				int read = api.get(path(id)).send().body().path("max_guests").asInt();
				if (read != guests) {
					stale.add("after max_guests=" + guests + " read " + read);
				}
			}
			assertThat(stale).as("reads of an old listing after the change had returned").isEmpty();
		}
		finally {
			stop.set(true);
			readers.shutdown();
			assertThat(readers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		for (Future<?> reader : running) {
			reader.get();
		}
	}

	@Test
	void aDeletionEvictsTheCachedListing() {
		UUID id = uncachedListing();
		api.get(path(id)).send();
		assertThat(storeHolds(id)).isTrue();

		assertThat(api.delete(path(id)).as(host).send().status()).isEqualTo(204);

		assertThat(storeHolds(id)).isFalse();
		assertThat(api.get(path(id)).send().status()).isEqualTo(404);
		assertThat(storeHolds(id)).isFalse();
	}

	@Test
	void aFailedChangeLeavesTheCachedListingCorrect() {
		UUID id = uncachedListing();
		api.get(path(id)).send();

		Api.Response patch = api.patch(path(id), Map.of("min_nights", 366)).as(host).send();

		assertThat(patch.status()).isEqualTo(400);
		assertThat(api.get(path(id)).send().body().path("min_nights").asInt()).isEqualTo(1);
	}
}
