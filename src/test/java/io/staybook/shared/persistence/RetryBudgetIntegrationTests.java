package io.staybook.shared.persistence;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A write retried on concurrency failures ({@link RetryingTransactions}) answers within its budget
 * ({@code staybook.database.retry-budget}, 5 s): a date change of a booking whose row another transaction keeps
 * locked (a payment being recorded, a job) waited {@code lock_timeout} (3 s) on each of five attempts, 15 s, before
 * its 409, since Hibernate's lock timeout is a concurrency failure that was retried like a deadlock.
 */
@IntegrationTest
class RetryBudgetIntegrationTests {

	/** The budget and a margin for a loaded machine; well under the five attempts' 15 s. */
	private static final Duration BOUND = Duration.ofSeconds(10);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	DataSource dataSource;

	@Test
	void aWriteThatMeetsALockHeldElsewhereAnswersWithinTheBudget() throws Exception {
		UUID listing = UUID.fromString(Listings.id(listings.create(accounts.host())));
		LocalDate checkIn = LocalDate.now(ZoneOffset.UTC).plusDays(20);
		Accounts.TestUser guest = accounts.guest();
		Api.Response booked = api.post("/api/v1/bookings", Map.of("property_id", listing, "check_in",
				checkIn.toString(), "check_out", checkIn.plusDays(2).toString(), "guests", 1)).as(guest).send();
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		String path = "/api/v1/bookings/" + booked.body().path("id").asString();

		try (Connection holder = dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder.prepareStatement("select id from bookings where id = ? for update")) {
				lock.setObject(1, UUID.fromString(booked.body().path("id").asString()));
				lock.executeQuery().close();
			}
			try {
				long start = System.nanoTime();
				Api.Response refused = api.patch(path, Map.of("guests", 2)).as(guest).send();
				Duration took = Duration.ofNanos(System.nanoTime() - start);

				assertThat(assertProblem(refused, 409).path("code").asString()).isEqualTo("concurrent_update");
				assertThat(took).as("answered within the budget: " + refused).isLessThan(BOUND);
				// it did retry: past one lock wait (3 s), as long as the budget allowed
				assertThat(took).isGreaterThan(Duration.ofMillis(4500));
			}
			finally {
				holder.rollback();
			}
		}

		assertThat(api.patch(path, Map.of("guests", 2)).as(guest).send().status()).isEqualTo(200);
	}
}
