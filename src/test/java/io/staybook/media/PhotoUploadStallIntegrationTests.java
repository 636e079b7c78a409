package io.staybook.media;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static io.staybook.test.ProblemAssertions.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.staybook.property.TestImages;
import io.staybook.property.Uploads;
import io.staybook.shared.DomainException;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StalledStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A photo upload stores its images before its transaction (PhotoService): while the store stalls (a put held by
 * {@link StalledStore}, as an S3 server that accepted the connection and answers nothing within its timeout), the
 * listing's row is free for its bookings, blocks and prices, and the upload holds no pooled connection, with or
 * without an idempotency key. Before, the puts ran after the photo's insert, under the listing's row lock, in an open
 * transaction. And the media sweep, whose safety leaned on that lock, still never takes an object of an upload in
 * flight, while the objects of an upload refused after storing them go with it ({@link MediaSweep}).
 */
@IntegrationTest
class PhotoUploadStallIntegrationTests {

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

	@Autowired
	MediaObjects objects;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aStalledStoreHoldsNeitherTheListingsRowNorAConnection() throws Exception {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		byte[] first = TestImages.uniqueJpeg(400, 300);
		CompletableFuture<Api.Response> plain;
		CompletableFuture<Api.Response> keyed;
		try (StalledStore.Stall stall = StalledStore.stall(key -> true)) {
			plain = CompletableFuture.supplyAsync(() -> Uploads.upload(api, host, listing, first, "image/jpeg", null));
			stall.awaitPut(Duration.ofSeconds(20));
			assertNothingWaitsOnTheStore(listing);
			keyed = CompletableFuture.supplyAsync(() -> keyed(host, listing));
			stall.awaitPuts(2, Duration.ofSeconds(20));
			assertNothingWaitsOnTheStore(listing);
			assertThat(plain).isNotDone();
			assertThat(keyed).isNotDone();
		}
		Api.Response byPlain = plain.get(30, TimeUnit.SECONDS);
		assertThat(byPlain.status()).as(byPlain.toString()).isEqualTo(201);
		Api.Response byKey = keyed.get(30, TimeUnit.SECONDS);
		assertThat(byKey.status()).as(byKey.toString()).isEqualTo(201);
		keys(byKey.body()).forEach(key -> assertThat(served(key)).isEqualTo(200));
		Api.Response replay = keyed(host, listing);
		assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
		assertThat(replay.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(replay.body().path("id")).isEqualTo(byKey.body().path("id"));
		assertThat(jdbc.queryForObject("select count(*) from property_photos where property_id = ?::uuid",
				Integer.class, listing)).isEqualTo(2);
	}

	/**
	 * The same bytes were uploaded long ago and their photo deleted (their objects unused past the grace); an upload
	 * of them again has put its first object when the sweep runs: the upload's claim keeps it, and the photo commits
	 * with every object stored.
	 */
	@Test
	void theSweepKeepsTheObjectsOfAnUploadInFlight() throws Exception {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		byte[] bytes = TestImages.uniqueJpeg(800, 600);
		JsonNode earlier = Uploads.upload(api, host, listing, bytes, "image/jpeg", null).body();
		assertThat(api.delete("/api/v1/properties/" + listing + "/photos/" + earlier.path("id").asString()).as(host)
			.send()
			.status()).isEqualTo(204);
		jdbc.update("update media_objects set stored_at = now() - interval '2 hours' where key = any(?)",
				(Object) keys(earlier).toArray(String[]::new));

		List<String> puts = new CopyOnWriteArrayList<>();
		CompletableFuture<Api.Response> upload;
		try (StalledStore.Stall stall = StalledStore.stall(key -> {
			puts.add(key);
			return puts.size() > 1;
		})) {
			upload = CompletableFuture.supplyAsync(() -> Uploads.upload(api, host, listing, bytes, "image/jpeg", null));
			stall.awaitPut(Duration.ofSeconds(20));
			assertThat(store.get(puts.getFirst())).as("put, its row not yet inserted").isPresent();
			sweep.sweep();
			assertThat(store.get(puts.getFirst())).as("claimed by the upload in flight: kept").isPresent();
		}
		Api.Response added = upload.get(30, TimeUnit.SECONDS);
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		assertThat(keys(added.body())).isEqualTo(keys(earlier));
		keys(added.body()).forEach(key -> assertThat(store.get(key)).isPresent());
		keys(added.body()).forEach(key -> assertThat(served(key)).isEqualTo(200));
	}

	/**
	 * An upload that took longer than the grace from its claim to its insert may have lost an object to the sweep:
	 * its transaction refuses it (503, rolled back) rather than commit a photo without its images.
	 */
	@Test
	void aClaimOlderThanTheGraceIsNotKept() {
		MediaObjects.Claim late = new MediaObjects.Claim(List.of(), Instant.now().minus(Duration.ofHours(2)));
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> objects.keep(late)))
			.isInstanceOfSatisfying(DomainException.class, ex -> assertThat(ex.code()).isEqualTo("service_unavailable"));
		MediaObjects.Claim fresh = objects.claim(List.of());
		transactions.executeWithoutResult(status -> objects.keep(fresh));
	}

	/**
	 * The gallery filled up while an upload stored its images (its check before storing passed): the upload is a 409
	 * that adds nothing, and the sweep deletes the objects it stored, which no photo uses.
	 */
	@Test
	void anUploadRefusedAfterStoringLeavesNoObjectAfterTheSweep() throws Exception {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		JsonNode first = Uploads.upload(api, host, listing, TestImages.uniqueJpeg(400, 300), "image/jpeg", null).body();
		Map<String, Object> row = jdbc.queryForMap("select * from property_photos where id = ?::uuid",
				first.path("id").asString());
		copies(row, 1, 49);
		List<String> puts = new CopyOnWriteArrayList<>();
		CompletableFuture<Api.Response> upload;
		try (StalledStore.Stall stall = StalledStore.stall(puts::add)) {
			upload = CompletableFuture.supplyAsync(
					() -> Uploads.upload(api, host, listing, TestImages.uniqueJpeg(400, 300), "image/jpeg", null));
			stall.awaitPut(Duration.ofSeconds(20));
			copies(row, 49, 50);
		}
		Api.Response refused = upload.get(30, TimeUnit.SECONDS);
		assertThat(assertProblem(refused, 409).path("code").asString()).isEqualTo("too_many_photos");
		assertThat(puts).isNotEmpty();
		puts.forEach(key -> assertThat(store.get(key)).as("stored before the refusal").isPresent());
		puts.forEach(key -> assertThat(served(key)).as("used by no photo: not served").isEqualTo(404));

		sweep.sweep(Duration.ZERO); // as once the grace has passed; no upload is in flight

		puts.forEach(key -> assertThat(store.get(key)).as("swept").isEmpty());
		puts.forEach(key -> assertThat(jdbc.queryForObject("select count(*) from media_objects where key = ?",
				Integer.class, key)).isZero());
		keys(first).forEach(key -> assertThat(store.get(key)).as("in use: kept").isPresent());
	}

	/** The listing's row can be locked at once, no session sits in a transaction, and the pool lends nothing. */
	private void assertNothingWaitsOnTheStore(String listing) throws Exception {
		assertThat(jdbc.queryForObject("select id::text from properties where id = ?::uuid for update nowait",
				String.class, listing)).as("the listing's row is not locked").isEqualTo(listing);
		assertThat(jdbc.queryForObject("""
				select count(*) from pg_stat_activity
				where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'""",
				Integer.class)).as("no transaction waits on the store").isZero();
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
				pool.getHikariPoolMXBean().getActiveConnections()).as("no connection held across the put").isZero());
	}

	private Api.Response keyed(TestUser host, String listing) {
		return Uploads.call(api, host, listing, TestImages.jpeg(400, 300, 77), "image/jpeg", "keyed")
			.header("Idempotency-Key", "stalled-" + listing)
			.send();
	}

	/** Photo rows at positions [from, to) sharing the objects of {@code row}: written straight. */
	private void copies(Map<String, Object> row, int from, int to) {
		for (int position = from; position < to; position++) {
			jdbc.update("insert into property_photos (id, property_id, position, width, height, content_type,"
					+ " thumbnail_key, medium_key, large_key, original_key, created_at) values (?, ?, ?, 400, 300,"
					+ " 'image/jpeg', ?, ?, ?, ?, now())", UUID.randomUUID(), row.get("property_id"), position,
					row.get("thumbnail_key"), row.get("medium_key"), row.get("large_key"), row.get("original_key"));
		}
	}

	private static List<String> keys(JsonNode photo) {
		return List.of("original", "large", "medium", "thumbnail")
			.stream()
			.map(variant -> photo.path("urls").path(variant).asString().substring(MediaKeys.PATH.length()))
			.toList();
	}

	private int served(String key) {
		return api.get(MediaKeys.url(key)).send().status();
	}
}
