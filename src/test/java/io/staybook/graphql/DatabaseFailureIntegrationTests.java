package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.graphql.Trips.Listing;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Real failures reach REST and GraphQL clients as the same answer, because one translator reads them: a total the
 * column cannot hold is a 400 / BAD_REQUEST (found by {@code Money} before the database would overflow, SQLSTATE 22003,
 * whose translation {@code FailureTranslationUnitTests} covers), and a
 * statement cancelled while it waited for a row lock (57014, as a {@code statement_timeout} would) is a 503 with
 * {@code Retry-After} / INTERNAL_ERROR, both with the code {@code service_unavailable}.
 */
@IntegrationTest
class DatabaseFailureIntegrationTests extends GraphQlOperationTests {

	/**
	 * A price no listing can be saved with any more (issue 10: the longest stay must fit numeric(12, 2)), but one that
	 * rows written before that rule, or a service fee raised since, can still have: two nights overflow a total.
	 */
	static final String MAX_PRICE = "9999999999.99";

	static final String CREATE = "mutation($input: CreateBookingInput!) { createBooking(input: $input) { id } }";

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aTotalTooLargeForTheDatabaseIsABadRequestOverBothApis() {
		Listing listing = trips.listing(accounts.host(), Map.of());
		jdbc.update("update properties set price_per_night = " + MAX_PRICE + " where id = ?", listing.id());
		TestUser guest = accounts.guest();
		LocalDate checkIn = trips.today().plusDays(10);

		var rest = api.post("/api/v1/bookings", body(listing, checkIn)).as(guest).send();
		var graphQlResponse = createBooking(guest, listing, checkIn);

		JsonNode problem = assertProblem(rest, 400);
		assertThat(problem.path("code").asString()).isEqualTo("validation_failed");
		assertThat(problem.path("errors").path(0).path("field").asString()).isEqualTo("check_out");
		assertRefused(graphQlResponse, "createBooking", "BAD_REQUEST", "validation_failed");
		assertThat(bookingsOf(listing)).isZero();
	}

	@Test
	void aStatementCancelledWhileWaitingForALockIsServiceUnavailableOverBothApis() throws Exception {
		Listing listing = trips.listing();
		TestUser guest = accounts.guest();
		LocalDate checkIn = trips.today().plusDays(10);

		Api.Response rest = whileTheListingIsLocked(listing,
				() -> api.post("/api/v1/bookings", body(listing, checkIn)).as(guest).send());
		GraphQlTester.Response graphQlResponse = whileTheListingIsLocked(listing,
				() -> createBooking(guest, listing, checkIn));

		JsonNode problem = assertProblem(rest, 503);
		assertThat(problem.path("code").asString()).isEqualTo("service_unavailable");
		assertThat(rest.header("Retry-After")).isEqualTo("5");
		assertRefused(graphQlResponse, "createBooking", "INTERNAL_ERROR", "service_unavailable");
		assertThat(bookingsOf(listing)).isZero();
	}

	/**
	 * Sends {@code request} while another connection holds the listing's row lock, which a booking waits for, and
	 * cancels the statement that waits, as PostgreSQL does when {@code statement_timeout} expires.
	 */
	private <T> T whileTheListingIsLocked(Listing listing, Supplier<T> request) throws Exception {
		try (Connection holder = dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try {
				int holderPid = lock(holder, listing.id());
				CompletableFuture<T> answer = CompletableFuture.supplyAsync(request);
				await().atMost(Duration.ofSeconds(20)).until(() -> cancelWaitersOf(holderPid) > 0);
				return answer.get(30, TimeUnit.SECONDS);
			}
			finally {
				holder.rollback();
			}
		}
	}

	private static int lock(Connection holder, UUID propertyId) throws SQLException {
		try (PreparedStatement lock = holder.prepareStatement("select id from properties where id = ? for update")) {
			lock.setObject(1, propertyId);
			lock.executeQuery().close();
		}
		try (ResultSet pid = holder.createStatement().executeQuery("select pg_backend_pid()")) {
			pid.next();
			return pid.getInt(1);
		}
	}

	private int cancelWaitersOf(int holderPid) {
		List<Boolean> cancelled = jdbc.queryForList(
				"select pg_cancel_backend(pid) from pg_stat_activity where ? = any(pg_blocking_pids(pid))",
				Boolean.class, holderPid);
		return cancelled.size();
	}

	private GraphQlTester.Response createBooking(TestUser guest, Listing listing, LocalDate checkIn) {
		return graphQl.as(guest)
			.document(CREATE)
			.variable("input", Map.of("propertyId", listing.id().toString(), "checkIn", checkIn.toString(), "checkOut",
					checkIn.plusDays(2).toString(), "guests", 1))
			.execute();
	}

	private static Map<String, Object> body(Listing listing, LocalDate checkIn) {
		return Map.of("property_id", listing.id(), "check_in", checkIn.toString(), "check_out",
				checkIn.plusDays(2).toString(), "guests", 1);
	}

	private int bookingsOf(Listing listing) {
		return jdbc.queryForObject("select count(*) from bookings where property_id = ?", Integer.class, listing.id());
	}
}
