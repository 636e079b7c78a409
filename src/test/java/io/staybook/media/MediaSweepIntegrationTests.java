package io.staybook.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.property.TestImages;
import io.staybook.property.Uploads;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Photos of deleted photos and removed listings over real HTTP and PostgreSQL (README, "Removing stored images"): no
 * longer served at once, deleted from the store by {@link MediaSweep} unless another photo shares them, and never
 * taken from an upload of the same bytes racing the sweep.
 */
@IntegrationTest
class MediaSweepIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	MediaStore store;

	@Autowired
	MediaSweep sweep;

	@Test
	void aDeletedPhotosObjectsGoWithTheSweepButNotThoseAnotherListingsPhotoShares() {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		String other = Listings.id(listings.create(host));
		byte[] shared = image();
		JsonNode sharedHere = upload(host, listing, shared);
		JsonNode sharedThere = upload(host, other, shared);
		JsonNode alone = upload(host, listing, image());
		assertThat(keys(sharedThere)).isEqualTo(keys(sharedHere));

		delete(host, listing, sharedHere);
		delete(host, listing, alone);
		keys(alone).forEach(key -> assertThat(served(key)).as("unused: not served before the sweep").isEqualTo(404));
		keys(alone).forEach(key -> assertThat(store.get(key)).as("still stored before the sweep").isPresent());

		sweep.sweep(Duration.ZERO);

		keys(alone).forEach(key -> assertThat(store.get(key)).as("swept").isEmpty());
		keys(alone).forEach(key -> assertThat(registered(key)).isFalse());
		keys(sharedHere).forEach(key -> assertThat(store.get(key)).as("the other listing's photo uses it").isPresent());
		keys(sharedHere).forEach(key -> assertThat(served(key)).isEqualTo(200));
		sweep.sweep(Duration.ZERO); // again: nothing left to do, nothing taken
		keys(sharedHere).forEach(key -> assertThat(store.get(key)).isPresent());
	}

	@Test
	void theGraceKeepsAnUnusedObjectUntilItHasPassed() {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		JsonNode photo = upload(host, listing, image());
		delete(host, listing, photo);
		sweep.sweep(Duration.ofHours(1));
		keys(photo).forEach(key -> assertThat(store.get(key)).isPresent());
		sweep.sweep(Duration.ZERO);
		keys(photo).forEach(key -> assertThat(store.get(key)).isEmpty());
	}

	@Test
	void aListingRemovedByItsHostTakesItsPhotosInTheSameTransaction() {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		String kept = Listings.id(listings.create(host));
		byte[] shared = image();
		JsonNode photo = upload(host, listing, shared);
		JsonNode own = upload(host, listing, image());
		upload(host, kept, shared);

		assertThat(api.delete("/api/v1/properties/" + listing).as(host).send().status()).isEqualTo(204);

		assertThat(api.get("/api/v1/properties/" + listing + "/photos").send().status()).isEqualTo(404);
		assertThat(jdbc.queryForObject("select count(*) from property_photos where property_id = ?::uuid",
				Integer.class, listing)).isZero();
		JsonNode graphQl = api.post("/graphql", Map.of("query", "query($id: ID!) { property(id: $id) { coverPhoto {"
				+ " original } photos { id } } }", "variables", Map.of("id", listing))).send().body();
		assertThat(graphQl.path("data").path("property").isNull()).as(graphQl.toString()).isTrue();
		keys(own).forEach(key -> assertThat(served(key)).isEqualTo(404));

		sweep.sweep(Duration.ZERO);

		keys(own).forEach(key -> assertThat(store.get(key)).isEmpty());
		keys(photo).forEach(key -> assertThat(store.get(key)).as("shared with a listing that stays").isPresent());
		keys(photo).forEach(key -> assertThat(served(key)).isEqualTo(200));
	}

	@Test
	void aHostsAccountDeletionTakesThePhotosOfAllTheirListings() {
		TestUser host = accounts.host();
		String first = Listings.id(listings.create(host));
		String second = Listings.id(listings.create(host));
		byte[] both = image();
		JsonNode one = upload(host, first, both);
		JsonNode two = upload(host, second, both);
		JsonNode own = upload(host, second, image());

		assertThat(api.delete("/api/v1/users/" + host.id()).as(accounts.admin()).send().status()).isEqualTo(204);

		for (String listing : List.of(first, second)) {
			assertThat(api.get("/api/v1/properties/" + listing + "/photos").send().status()).isEqualTo(404);
		}
		for (JsonNode photo : List.of(one, two, own)) {
			keys(photo).forEach(key -> assertThat(served(key)).isEqualTo(404));
		}
		sweep.sweep(Duration.ZERO);
		for (JsonNode photo : List.of(one, two, own)) {
			keys(photo).forEach(key -> assertThat(store.get(key)).isEmpty());
		}
	}

	@Test
	void aHardDeleteOfAListingCascadesToTheCounts() {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		JsonNode photo = upload(host, listing, image());
		jdbc.update("delete from properties where id = ?::uuid", listing);
		keys(photo).forEach(key -> assertThat(served(key)).isEqualTo(404));
		sweep.sweep(Duration.ZERO);
		keys(photo).forEach(key -> assertThat(store.get(key)).isEmpty());
	}

	/**
	 * The sweep holds an unused key (it has claimed the row and deleted the object, not yet committed) when an upload
	 * of the same bytes comes: the upload waits for it, then stores its objects again. The sweep's steps are played
	 * here on a connection of the test's, so that the upload is seen waiting at the exact point.
	 */
	@Test
	void anUploadOfTheSameBytesWhileTheSweepDeletesThemStoresThemAgain() throws Exception {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		byte[] bytes = image();
		JsonNode first = upload(host, listing, bytes);
		delete(host, listing, first);
		// distinct: an 800×600 photo's large and medium variants are the same bytes, so the same object
		List<String> keys = keys(first).stream().distinct().toList();

		CompletableFuture<Api.Response> upload;
		try (Connection sweeping = dataSource.getConnection()) {
			sweeping.setAutoCommit(false);
			try (PreparedStatement claim = sweeping.prepareStatement(
					"select key from media_objects where key = any(?) and photos = 0 for update skip locked")) {
				claim.setArray(1, sweeping.createArrayOf("text", keys.toArray()));
				try (var rows = claim.executeQuery()) {
					int claimed = 0;
					while (rows.next()) {
						claimed++;
					}
					assertThat(claimed).isEqualTo(keys.size());
				}
			}
			keys.forEach(store::delete);
			int pid = pid(sweeping);

			upload = CompletableFuture.supplyAsync(() -> Uploads.upload(api, host, listing, bytes, "image/jpeg", null));
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> jdbc.queryForObject(
						"select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))", Integer.class,
						pid) > 0);
			assertThat(upload).isNotDone();

			try (PreparedStatement remove = sweeping.prepareStatement("delete from media_objects where key = any(?)")) {
				remove.setArray(1, sweeping.createArrayOf("text", keys.toArray()));
				assertThat(remove.executeUpdate()).isEqualTo(keys.size());
			}
			sweeping.commit();
		}
		Api.Response again = upload.get(60, TimeUnit.SECONDS);
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(keys(again.body())).isEqualTo(keys(first));
		keys.forEach(key -> assertThat(store.get(key)).as("stored again").isPresent());
		keys.forEach(key -> assertThat(served(key)).isEqualTo(200));
		sweep.sweep(Duration.ZERO);
		keys.forEach(key -> assertThat(store.get(key)).as("in use: kept").isPresent());
	}

	/**
	 * A photo naming the keys is being added (its row inserted, not yet committed) when the real sweep runs: the sweep
	 * skips the rows the insert locked, and the photo commits with its objects stored.
	 */
	@Test
	void theSweepSkipsTheObjectsOfAPhotoBeingAdded() throws Exception {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		JsonNode first = upload(host, listing, image());
		delete(host, listing, first);
		List<String> keys = keys(first);

		try (Connection adding = dataSource.getConnection()) {
			adding.setAutoCommit(false);
			try (PreparedStatement insert = adding.prepareStatement("""
					insert into property_photos (id, property_id, position, width, height, content_type, original_key,
					  large_key, medium_key, thumbnail_key, created_at)
					values (?, ?, 0, 800, 600, 'image/jpeg', ?, ?, ?, ?, now())""")) {
				insert.setObject(1, UUID.randomUUID());
				insert.setObject(2, UUID.fromString(listing));
				for (int i = 0; i < 4; i++) {
					insert.setString(3 + i, keys.get(i));
				}
				insert.executeUpdate();
			}
			CompletableFuture.runAsync(() -> sweep.sweep(Duration.ZERO)).get(30, TimeUnit.SECONDS);
			keys.forEach(key -> assertThat(store.get(key)).as("locked by the photo being added").isPresent());
			adding.commit();
		}
		keys.forEach(key -> assertThat(served(key)).isEqualTo(200));
		sweep.sweep(Duration.ZERO);
		keys.forEach(key -> assertThat(store.get(key)).isPresent());
	}

	private JsonNode upload(TestUser host, String listing, byte[] bytes) {
		Api.Response response = Uploads.upload(api, host, listing, bytes, "image/jpeg", null);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.body();
	}

	private void delete(TestUser host, String listing, JsonNode photo) {
		assertThat(api.delete("/api/v1/properties/" + listing + "/photos/" + photo.path("id").asString())
			.as(host)
			.send()
			.status()).isEqualTo(204);
	}

	/** The photo's keys: original, large, medium, thumbnail (the order of V18's columns in the insert above). */
	private static List<String> keys(JsonNode photo) {
		return List.of("original", "large", "medium", "thumbnail")
			.stream()
			.map(variant -> photo.path("urls").path(variant).asString().substring(MediaKeys.PATH.length()))
			.toList();
	}

	private int served(String key) {
		return api.get(MediaKeys.url(key)).send().status();
	}

	private boolean registered(String key) {
		return jdbc.queryForObject("select exists (select 1 from media_objects where key = ?)", Boolean.class, key);
	}

	private static int pid(Connection connection) throws java.sql.SQLException {
		try (var statement = connection.createStatement(); var rows = statement.executeQuery("select pg_backend_pid()")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** A JPEG of its own (random content), so that no other test shares its objects. */
	private static byte[] image() {
		return TestImages.uniqueJpeg(800, 600);
	}
}
