package io.staybook.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Least privilege (issue 11, item 11): the service runs as a role that may only read and write rows, Flyway migrates as
 * the role that owns the database, with the grants of {@code ops/postgres/least-privilege.sql}, the very file the
 * cluster and docker-compose apply. This context gets a fresh database and two fresh roles (roles are server-wide:
 * their names carry a random suffix, and all three are dropped afterwards); everything the service does, jobs included,
 * must work as the app role, and DDL must not.
 */
@JobsTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestExecutionListeners(listeners = LeastPrivilegeIntegrationTests.DropAfterTheContext.class,
		mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class LeastPrivilegeIntegrationTests {

	private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

	private static final String OWNER = "staybook_owner_" + SUFFIX;

	private static final String APP = "staybook_app_" + SUFFIX;

	private static final String DATABASE = "staybook_least_privilege_" + SUFFIX;

	private static final String OWNER_PASSWORD = UUID.randomUUID().toString();

	private static final String APP_PASSWORD = UUID.randomUUID().toString();

	private static String superuserUrl;

	private static String databaseUrl;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	MutableClock clock;

	@DynamicPropertySource
	static void asTheAppRoleMigratedByTheOwner(DynamicPropertyRegistry registry) throws SQLException {
		superuserUrl = System.getenv("SPRING_DATASOURCE_URL");
		Assumptions.assumeTrue(superuserUrl != null && superuserUrl.startsWith("jdbc:postgresql://"),
				"needs SPRING_DATASOURCE_URL to a PostgreSQL server, as a role that may create roles and databases");
		URI server = URI.create(superuserUrl.substring("jdbc:".length()));
		databaseUrl = "jdbc:postgresql://" + server.getRawAuthority() + "/" + DATABASE
				+ (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
		try (Connection admin = superuser(superuserUrl); Statement sql = admin.createStatement()) {
			sql.execute("create role " + OWNER + " login password '" + OWNER_PASSWORD + "'");
			sql.execute("create role " + APP + " login password '" + APP_PASSWORD + "'");
			sql.execute("create database " + DATABASE + " owner " + OWNER);
		}
		try (Connection admin = superuser(databaseUrl); Statement sql = admin.createStatement()) {
			for (String statement : leastPrivilegeGrants()) {
				sql.execute(statement);
			}
		}
		registry.add("spring.datasource.url", () -> databaseUrl);
		registry.add("spring.datasource.username", () -> APP);
		registry.add("spring.datasource.password", () -> APP_PASSWORD);
		registry.add("spring.flyway.url", () -> databaseUrl);
		registry.add("spring.flyway.user", () -> OWNER);
		registry.add("spring.flyway.password", () -> OWNER_PASSWORD);
	}

	/**
	 * Drops the database and the roles once the context is closed ({@code @DirtiesContext}): its after-class callback
	 * runs last, after the one that closes the context, so no pool holds a connection to the database any more.
	 */
	static final class DropAfterTheContext implements TestExecutionListener, Ordered {

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public void afterTestClass(TestContext testContext) throws SQLException {
			if (superuserUrl == null) {
				return;
			}
			try (Connection admin = superuser(superuserUrl); Statement sql = admin.createStatement()) {
				sql.execute("drop database if exists " + DATABASE + " with (force)");
				sql.execute("drop role if exists " + APP);
				sql.execute("drop role if exists " + OWNER);
			}
		}
	}

	@Test
	void theWholeFlowRunsAsTheAppRoleAndTheSchemaBelongsToTheOwner() throws SQLException {
		Accounts.TestUser host = accounts.host();
		String propertyId = Listings.id(listings.create(host));
		Accounts.TestUser guest = accounts.guest();
		LocalDate checkIn = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(40);
		Api.Response booked = api.post("/api/v1/bookings", Map.of("property_id", propertyId, "check_in",
				checkIn.toString(), "check_out", checkIn.plusDays(2).toString(), "guests", 2))
			.as(guest)
			.send();
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		String bookingId = booked.body().path("id").asString();

		Api.Response paid = api.post("/api/v1/payments",
				Map.of("booking_id", bookingId, "payment_method", "card", "payment_token", "tok_visa"))
			.as(guest)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.send();
		assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
		String paymentId = paid.body().path("id").asString();
		// the charge is a db-scheduler job: claimed, run and completed as the app role
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Api.Response booking = api.get("/api/v1/bookings/" + bookingId).as(guest).send();
			assertThat(booking.body().path("status").asString()).isEqualTo("confirmed");
		});
		assertThat(api.get("/api/v1/payments/" + paymentId).as(guest).send().body().path("status").asString())
			.isEqualTo("completed");

		try (Connection app = connect(APP, APP_PASSWORD); Statement sql = app.createStatement()) {
			try (var rows = sql.executeQuery("select current_user, (select status from bookings where id = '"
					+ bookingId + "')")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo(APP);
				assertThat(rows.getString(2)).isEqualTo("confirmed");
			}
			try (var rows = sql.executeQuery("select distinct tableowner from pg_tables where schemaname = 'public'")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo(OWNER);
				assertThat(rows.next()).as("every table belongs to the owner").isFalse();
			}
		}
	}

	@Test
	void theAppRoleCanNeitherCreateNorAlterNorDropNorTruncateNorTouchTheMigrationHistory() throws SQLException {
		List<String> refused = List.of("create table intruder (id int)", "create temporary table intruder (id int)",
				"drop table bookings", "truncate payments", "alter table users add column intruder int",
				"create index intruder on bookings (created_at)", "create schema intruder",
				"create function intruder() returns int language sql as 'select 1'",
				"delete from flyway_schema_history", "select * from flyway_schema_history");
		try (Connection app = connect(APP, APP_PASSWORD)) {
			for (String statement : refused) {
				try (Statement sql = app.createStatement()) {
					assertThatThrownBy(() -> sql.execute(statement)).as(statement)
						.isInstanceOfSatisfying(SQLException.class,
								ex -> assertThat(ex.getSQLState()).as(statement + ": " + ex.getMessage())
									.isEqualTo("42501"));
				}
			}
		}
		try (Connection owner = connect(OWNER, OWNER_PASSWORD); Statement sql = owner.createStatement()) {
			sql.execute("create table owner_may (id int)");
			sql.execute("drop table owner_may");
		}
	}

	/** The statements of ops/postgres/least-privilege.sql, with its psql variables replaced by this test's names. */
	private static List<String> leastPrivilegeGrants() {
		String script;
		try {
			script = Files.readString(Path.of("ops/postgres/least-privilege.sql"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String withoutComments = script.lines().filter(line -> !line.strip().startsWith("--"))
			.reduce("", (text, line) -> text + line + "\n");
		String named = withoutComments.replace(":\"database\"", "\"" + DATABASE + "\"")
			.replace(":\"owner\"", "\"" + OWNER + "\"")
			.replace(":\"app\"", "\"" + APP + "\"");
		return Arrays.stream(named.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static Connection superuser(String url) throws SQLException {
		return DriverManager.getConnection(url,
				Objects.requireNonNullElse(System.getenv("SPRING_DATASOURCE_USERNAME"), "postgres"),
				Objects.requireNonNullElse(System.getenv("SPRING_DATASOURCE_PASSWORD"), ""));
	}

	private static Connection connect(String role, String password) throws SQLException {
		return DriverManager.getConnection(databaseUrl, role, password);
	}
}
