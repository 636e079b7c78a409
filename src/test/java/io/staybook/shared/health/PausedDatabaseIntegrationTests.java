package io.staybook.shared.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.Listings;
import io.staybook.test.PrivatePostgres;
import io.staybook.test.TestSupportConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A real PostgreSQL paused (SIGSTOP of the postmaster and all its processes), as a stalled machine or a blackholed
 * network is to the service (issue 11, item 8). The server enforces {@code statement_timeout} and
 * {@code lock_timeout}, so a stopped one never ends a statement: what bounds a request is the driver's socket timeout
 * ({@code staybook.database.socket-timeout}) and the pool's connection timeout. A booking caught mid-statement, a new
 * booking, a login and a GraphQL mutation are each a 503 {@code service_unavailable} (with {@code Retry-After} over
 * REST), never a hang or a 500; a cached listing is still served, readiness is 503 and liveness 200; and once the
 * server continues, bookings work again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestSupportConfig.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PausedDatabaseIntegrationTests {

	/** Not a speed claim: above the bounds (6 s socket timeout), far below "hangs until the server returns". */
	private static final Duration NOT_A_HANG = Duration.ofSeconds(15);

	private static PrivatePostgres postgres;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@DynamicPropertySource
	static void privateServer(DynamicPropertyRegistry registry) {
		postgres = PrivatePostgres.startFor(registry);
	}

	@AfterAll
	static void stopServer() {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void aPausedPostgresqlIsA503WithRetryAfterNotAHang() throws Exception {
		Accounts.TestUser host = accounts.host();
		Accounts.TestUser guest = accounts.guest();
		String listingId = Listings.id(listings.create(host));
		String listingPath = "/api/v1/properties/" + listingId;
		Api.Response fresh = api.get(listingPath).send();
		assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
		api.contract();

		try (Connection holder = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "")) {
			holder.setAutoCommit(false);
			int holderPid = lockListing(holder, listingId);
			CompletableFuture<Api.Response> inFlight = CompletableFuture
				.supplyAsync(() -> api.post("/api/v1/bookings", booking(listingId, 30)).as(guest).send());
			// the booking waits for the row lock: the server is stopped with the statement running (before lock_timeout)
			await().atMost(Duration.ofSeconds(2))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> waitersOf(holderPid) > 0);
			postgres.pause();
			try {
				assertUnavailable(answer(inFlight));
				assertUnavailable(within(() -> api.post("/api/v1/bookings", booking(listingId, 40)).as(guest).send()));
				assertUnavailable(within(() -> api.post("/api/v1/auth/token",
						Map.of("email", guest.email(), "password", guest.password())).send()));
				assertGraphQlUnavailable(within(() -> api.post("/graphql", Map.of("query",
						"mutation { createBooking(input: {propertyId: \"" + listingId + "\", checkIn: \""
								+ checkIn(50) + "\", checkOut: \"" + checkIn(50).plusDays(2) + "\", guests: 1}) { id } }"))
					.as(guest)
					.send()));

				Api.Response cached = within(() -> api.get(listingPath).send());
				assertThat(cached.status()).as(cached.toString()).isEqualTo(200);
				assertThat(cached.text()).isEqualTo(fresh.text());
				assertThat(within(() -> api.get("/actuator/health/readiness").send()).status()).isEqualTo(503);
				assertThat(within(() -> api.get("/actuator/health/liveness").send()).status()).isEqualTo(200);
			}
			finally {
				postgres.resume();
				holder.rollback();
			}
		}

		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Api.Response booked = api.post("/api/v1/bookings", booking(listingId, 60)).as(guest).send();
			assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		});
		assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(200);
	}

	private static void assertUnavailable(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(503);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().path("code").asString()).isEqualTo("service_unavailable");
		assertThat(response.header("Retry-After")).as(response.toString()).isNotBlank();
	}

	/**
	 * A GraphQL call is refused with the code {@code service_unavailable}: as a GraphQL error, or as the REST problem
	 * when the request is refused before GraphQL runs (its bearer token's account cannot be read).
	 */
	private static void assertGraphQlUnavailable(Api.Response response) {
		if (response.status() == 503) {
			assertUnavailable(response);
			return;
		}
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode error = response.body().path("errors").path(0);
		assertThat(error.path("extensions").path("code").asString()).as(response.toString())
			.isEqualTo("service_unavailable");
	}

	private static Api.Response within(Supplier<Api.Response> call) throws Exception {
		return answer(CompletableFuture.supplyAsync(call));
	}

	private static Api.Response answer(CompletableFuture<Api.Response> call) throws Exception {
		return call.get(NOT_A_HANG.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static Map<String, Object> booking(String listingId, int inDays) {
		return Map.of("property_id", listingId, "check_in", checkIn(inDays).toString(), "check_out",
				checkIn(inDays).plusDays(2).toString(), "guests", 1);
	}

	private static LocalDate checkIn(int inDays) {
		return LocalDate.now(ZoneOffset.UTC).plusDays(inDays);
	}

	private static int lockListing(Connection holder, String listingId) throws SQLException {
		try (PreparedStatement lock = holder.prepareStatement("select id from properties where id = ? for update")) {
			lock.setObject(1, UUID.fromString(listingId));
			lock.executeQuery().close();
		}
		try (ResultSet pid = holder.createStatement().executeQuery("select pg_backend_pid()")) {
			pid.next();
			return pid.getInt(1);
		}
	}

	private static int waitersOf(int holderPid) throws SQLException {
		try (Connection watcher = DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
				PreparedStatement waiting = watcher.prepareStatement(
						"select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")) {
			waiting.setInt(1, holderPid);
			try (ResultSet count = waiting.executeQuery()) {
				count.next();
				return count.getInt(1);
			}
		}
	}
}
