package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StatementRecorder;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Listing detail near the floor (issue 12, item 2): a cached listing is one cache entry holding the listing and its
 * host's name, answered, or revalidated with its ETag, without taking a database connection; a miss is one query; a
 * host's rename shows at once. Statements and connections are counted by the {@link StatementRecorder}.
 */
@IntegrationTest
class ListingDetailIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	StatementRecorder recorder;

	@Autowired
	CacheManager caches;

	@Autowired
	JdbcTemplate jdbc;

	TestUser host;

	String path;

	UUID id;

	@BeforeEach
	void listing() {
		host = accounts.host();
		id = UUID.fromString(Listings.id(listings.create(host)));
		path = "/api/v1/properties/" + id;
	}

	/** What one request did to the database: its statements and how many connections it took. */
	record Work(Api.Response response, List<String> statements, long connections) {
	}

	Work counted(Api.Call call) {
		String tag = UUID.randomUUID().toString();
		Api.Response response = call.header(StatementRecorder.HEADER, tag).send();
		Work work = new Work(response, recorder.statements(tag), recorder.connections(tag));
		recorder.clear(tag);
		return work;
	}

	void forget() {
		caches.getCache(PropertyReader.CACHE).evict(id);
	}

	@Test
	void aCachedListingIsAnsweredWithoutTheDatabase() {
		assertThat(api.get(path).send().status()).isEqualTo(200);

		Work cached = counted(api.get(path));

		assertThat(cached.response().status()).as(cached.response().toString()).isEqualTo(200);
		assertThat(cached.response().body().path("host").path("first_name").asString()).isEqualTo("Test");
		assertThat(cached.statements()).as("statements of a cached read").isEmpty();
		assertThat(cached.connections()).as("connections (transactions) of a cached read").isZero();
	}

	@Test
	void aMissIsOneQueryForTheListingAndItsHost() {
		forget();

		Work miss = counted(api.get(path));

		assertThat(miss.response().status()).as(miss.response().toString()).isEqualTo(200);
		assertThat(miss.response().body().path("host").path("id").asString()).isEqualTo(host.id().toString());
		assertThat(miss.statements()).as("statements of a miss").hasSize(1);
		assertThat(miss.connections()).isOne();
		assertThat(counted(api.get(path)).statements()).as("the next read is a hit").isEmpty();
	}

	@Test
	void aMatchingETagIs304WithoutTheDatabaseAndWithoutABody() {
		String etag = api.get(path).send().header("ETag");

		Work revalidated = counted(api.get(path).header("If-None-Match", etag));

		assertThat(revalidated.response().status()).isEqualTo(304);
		assertThat(revalidated.response().text()).isEmpty();
		assertThat(revalidated.response().header("ETag")).isEqualTo(etag);
		assertThat(revalidated.response().header("Cache-Control")).isEqualTo("no-cache");
		assertThat(revalidated.statements()).isEmpty();
		assertThat(revalidated.connections()).isZero();
	}

	/**
	 * The ETag comes from the row's version, which every UPDATE of the row moves (a trigger, V16), not from a hash of the
	 * body: a change made behind the service's back changes it too, once the cached copy is gone.
	 */
	@Test
	void theETagFollowsTheRowVersion() {
		String before = api.get(path).send().header("ETag");
		assertThat(jdbc.queryForObject("select version from properties where id = ?", Long.class, id)).isOne();

		jdbc.update("update properties set max_guests = max_guests where id = ?", id);
		forget();

		assertThat(jdbc.queryForObject("select version from properties where id = ?", Long.class, id)).isEqualTo(2);
		Api.Response after = api.get(path).header("If-None-Match", before).send();
		assertThat(after.status()).as("the body is the same, but the row was written").isEqualTo(200);
		assertThat(after.header("ETag")).isNotEqualTo(before).matches("\"[0-9a-f]+\\.2-[0-9a-f]{16}\"");
	}

	@Test
	void aHostsRenameShowsInTheListingAtOnceAndChangesItsETag() {
		Api.Response cached = api.get(path).send();
		assertThat(cached.body().path("host").path("first_name").asString()).isEqualTo("Test");

		Api.Response renamed = api.patch("/api/v1/users/me", Map.of("first_name", "Renata")).as(host).send();
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);

		Api.Response read = api.get(path).header("If-None-Match", cached.header("ETag")).send();
		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.body().path("host").path("first_name").asString()).isEqualTo("Renata");
		assertThat(read.header("ETag")).isNotEqualTo(cached.header("ETag"));
		assertThat(api.get(path).header("If-None-Match", read.header("ETag")).send().status()).isEqualTo(304);
	}

	@Test
	void aRenameOfTheLastNameAloneKeepsTheCachedListing() {
		api.get(path).send();

		assertThat(api.patch("/api/v1/users/me", Map.of("last_name", "Other")).as(host).send().status())
			.isEqualTo(200);

		assertThat(counted(api.get(path)).statements()).as("the listing shows no last name").isEmpty();
	}

	/**
	 * The listings cache is bounded by staybook.cache.local-sizes.properties (application.yaml: 22MB, sized for the
	 * production heap of 256 MiB) in estimated bytes, not by a count of entries.
	 */
	@Test
	void theListingsCacheIsBoundedByItsConfiguredSize() {
		Cache<?, ?> store = (Cache<?, ?>) caches.getCache(PropertyReader.CACHE).getNativeCache();

		assertThat(store.policy().eviction().orElseThrow().getMaximum()).isEqualTo(22L * 1024 * 1024);
		assertThat(store.policy().eviction().orElseThrow().isWeighted()).isTrue();
	}
}
