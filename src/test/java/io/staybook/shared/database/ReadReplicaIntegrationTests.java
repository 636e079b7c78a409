package io.staybook.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StatementRecorder;
import io.staybook.test.StreamingReplica;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.CacheManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Read-replica routing against a real streaming replica ({@link StreamingReplica}: a private primary and a hot standby
 * of it): public reads are served by the replica, a request's reads after its own write by the primary, and a replica
 * whose replay is paused falls behind past {@code max-lag} and is bypassed until it catches up. Which server answered
 * is read from each statement's connection ({@link StatementRecorder#servers}), so nothing here takes the routing's
 * word for it.
 */
@ExtendWith(StreamingReplica.class)
@IntegrationTest
@DirtiesContext
@TestPropertySource(properties = { "staybook.datasource.replica.max-lag=2s",
		"staybook.datasource.replica.lag-check-interval=200ms" })
class ReadReplicaIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	StatementRecorder recorder;

	@Autowired
	ReadReplica replica;

	@Autowired
	CacheManager caches;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		StreamingReplica.properties(registry);
	}

	@BeforeEach
	void replicaServing() throws Exception {
		StreamingReplica.resumeReplay();
		await().atMost(PATIENCE).until(replica::serving);
	}

	@Test
	void publicReadsAreServedByTheReplica() throws Exception {
		TestUser host = accounts.host();
		String city = Listings.uniqueCity();
		String id = Listings.id(listings.create(host, Map.of("city", city)));
		StreamingReplica.awaitReplayed();
		// creating it cached the listing and its host: read them from the database
		forget(id);

		Served search = get("/api/v1/properties?city=" + city);
		assertThat(search.response().body().path("results").get(0).path("id").asString()).isEqualTo(id);
		assertThat(search.servers()).as("search").containsOnly(StreamingReplica.replicaUrl());
		assertThat(get("/api/v1/properties/" + id).servers()).as("listing detail")
			.containsOnly(StreamingReplica.replicaUrl());
		assertThat(get("/api/v1/properties/" + id + "/availability").servers()).as("availability")
			.containsOnly(StreamingReplica.replicaUrl());
		assertThat(get("/api/v1/reviews?property_id=" + id).servers()).as("reviews")
			.containsOnly(StreamingReplica.replicaUrl());
		forget(id);
		Served query = graphQl(null, "query($id: ID!) { property(id: $id) { title host { firstName } } }", id);
		assertThat(query.response().body().path("data").path("property").path("host").path("firstName").asString())
			.isEqualTo("Test");
		assertThat(query.servers()).as("GraphQL query").containsOnly(StreamingReplica.replicaUrl());
	}

	@Test
	void readsAfterAWriteInTheSameRequestAreServedByThePrimary() throws Exception {
		TestUser host = accounts.host();
		String id = Listings.id(listings.create(host));
		StreamingReplica.awaitReplayed();
		forget(id);

		// the mutation writes, then its result's host is loaded apart (a batch loader), after the write committed
		Served mutation = graphQl(host, """
				mutation($id: ID!) { updateProperty(id: $id, input: {title: "Renamed"}) { title host { firstName } } }""",
				id);
		assertThat(mutation.response().body().path("data").path("updateProperty").path("host").path("firstName")
			.asString()).isEqualTo("Test");
		assertThat(mutation.servers()).as("the mutation and the reads after it")
			.containsOnly(StreamingReplica.primaryUrl());

		// the same selection without the write: the listing and its host are read from the replica
		StreamingReplica.awaitReplayed();
		forget(id);
		Served query = graphQl(host, "query($id: ID!) { property(id: $id) { title host { firstName } } }", id);
		assertThat(query.response().body().path("data").path("property").path("title").asString())
			.isEqualTo("Renamed");
		assertThat(query.servers()).contains(StreamingReplica.replicaUrl());
	}

	@Test
	void bookingsAreReadFromThePrimaryEvenInRequestsThatDoNotWrite() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(host));
		LocalDate checkIn = LocalDate.now(ZoneOffset.UTC).plusDays(30);
		String bookingId = expect(201, api.post("/api/v1/bookings", Map.of("property_id", propertyId, "check_in",
				checkIn.toString(), "check_out", checkIn.plusDays(2).toString(), "guests", 1)).as(guest).send())
			.body()
			.path("id")
			.asString();

		// the guest reads their booking back at once: from the primary, which has it whatever the replica's lag
		Served booking = served(api.get("/api/v1/bookings/" + bookingId).as(guest));
		assertThat(booking.response().body().path("id").asString()).isEqualTo(bookingId);
		assertThat(booking.servers()).containsOnly(StreamingReplica.primaryUrl());
		assertThat(replica.serving()).as("the replica was there to serve").isTrue();
	}

	@Test
	void aLaggingReplicaIsBypassedUntilItHasCaughtUp() throws Exception {
		TestUser host = accounts.host();
		TestUser admin = accounts.admin();
		String city = Listings.uniqueCity();
		StreamingReplica.pauseReplay();
		String id;
		try {
			id = Listings.id(listings.create(host, Map.of("city", city)));
			await().atMost(PATIENCE).until(() -> !replica.serving());
			assertThat(meters.get("staybook.datasource.replica.lag").gauge().value()).isGreaterThan(2.0);
			assertThat(meters.get("staybook.datasource.replica.serving").gauge().value()).isZero();

			// the replica has not the new listing; the primary serves the search, and finds it
			Served search = get("/api/v1/properties?city=" + city);
			assertThat(search.response().body().path("results").get(0).path("id").asString()).isEqualTo(id);
			assertThat(search.servers()).containsOnly(StreamingReplica.primaryUrl());

			JsonNode health = expect(200, api.get("/actuator/health").as(admin).send()).body();
			assertThat(health.path("components").path("readReplica").path("status").asString()).isEqualTo("DEGRADED");
			assertThat(health.path("components").path("readReplica").path("details").path("reads").asString())
				.isEqualTo("primary");
			JsonNode readiness = expect(200, api.get("/actuator/health/readiness").as(admin).send()).body();
			assertThat(readiness.path("status").asString()).isEqualTo("UP");
			assertThat(readiness.path("components").has("readReplica")).as(readiness.toString()).isFalse();
		}
		finally {
			StreamingReplica.resumeReplay();
		}

		await().atMost(PATIENCE).until(replica::serving);
		Served search = get("/api/v1/properties?city=" + city);
		assertThat(search.response().body().path("results").get(0).path("id").asString()).isEqualTo(id);
		assertThat(search.servers()).containsOnly(StreamingReplica.replicaUrl());
	}

	@Test
	void aReplicaThatDoesNotAnswerIsBypassedUntilItIsBack() throws Exception {
		String city = Listings.uniqueCity();
		String id = Listings.id(listings.create(accounts.host(), Map.of("city", city)));
		StreamingReplica.stopReplica();
		try {
			await().atMost(PATIENCE).until(() -> !replica.serving());
			assertThat(meters.get("staybook.datasource.replica.lag").gauge().value()).isNaN();
			Served search = get("/api/v1/properties?city=" + city);
			assertThat(search.response().body().path("results").get(0).path("id").asString()).isEqualTo(id);
			assertThat(search.servers()).containsOnly(StreamingReplica.primaryUrl());
		}
		finally {
			StreamingReplica.startReplica();
		}
		await().atMost(PATIENCE).until(replica::serving);
		StreamingReplica.awaitReplayed();
		assertThat(get("/api/v1/properties?city=" + city).servers()).containsOnly(StreamingReplica.replicaUrl());
	}

	@Test
	void theReplicaPoolBoundsStatementsLikeThePrimarys() throws Exception {
		try (Connection connection = replica.pool().getConnection(); Statement statement = connection.createStatement();
				ResultSet settings = statement.executeQuery(
						"select current_setting('statement_timeout'), current_setting('lock_timeout'), pg_is_in_recovery()")) {
			settings.next();
			assertThat(settings.getString(1)).isEqualTo("5s");
			assertThat(settings.getString(2)).isEqualTo("3s");
			assertThat(settings.getBoolean(3)).as("a hot standby").isTrue();
		}
		// a paused replica must not hold a read past the request deadline either (staybook.database.socket-timeout)
		assertThat(replica.pool().getDataSourceProperties()).containsEntry("socketTimeout", "6");
	}

	@Test
	void theLagIsAMeterAndTheReplicaAHealthComponent() {
		TestUser admin = accounts.admin();
		await().atMost(PATIENCE)
			.until(() -> meters.get("staybook.datasource.replica.lag").gauge().value(), lag -> lag >= 0 && lag <= 2);
		String metrics = expect(200, api.get("/actuator/prometheus").as(admin).send()).text();
		assertThat(metrics).contains("staybook_datasource_replica_lag_seconds")
			.contains("staybook_datasource_replica_serving 1.0")
			.contains("hikaricp_connections_max{pool=\"staybook-replica\"}");
		assertThat(metrics.lines().filter(line -> line.startsWith("hikaricp_connections_max{")))
			.as("the primary's pool meters and the replica's").hasSize(2);
		JsonNode component = expect(200, api.get("/actuator/health").as(admin).send()).body()
			.path("components")
			.path("readReplica");
		assertThat(component.path("status").asString()).isEqualTo("UP");
		assertThat(component.path("details").path("reads").asString()).isEqualTo("replica");
	}

	/** One request's response, and the servers (JDBC URLs) its statements went to. */
	private record Served(Api.Response response, List<String> servers) {
	}

	private Served get(String path) {
		return served(api.get(path));
	}

	private Served graphQl(TestUser as, String document, String id) {
		Api.Call call = api.post("/graphql", Map.of("query", document, "variables", Map.of("id", id)));
		if (as != null) {
			call.as(as);
		}
		Served served = served(call);
		assertThat(served.response().body().has("errors")).as(served.response().toString()).isFalse();
		return served;
	}

	private Served served(Api.Call call) {
		String tag = UUID.randomUUID().toString();
		Api.Response response = expect(200, call.header(StatementRecorder.HEADER, tag).send());
		List<String> servers = recorder.servers(tag);
		recorder.clear(tag);
		assertThat(servers).as("statements of " + response).isNotEmpty();
		return new Served(response, servers);
	}

	/** Drops the listing, and with it its host's name (one entry), from the cache: reading it asks the database. */
	private void forget(String listingId) {
		caches.getCache("properties").evict(UUID.fromString(listingId));
	}

	private static Api.Response expect(int status, Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		return response;
	}
}
