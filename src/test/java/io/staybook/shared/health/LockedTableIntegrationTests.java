package io.staybook.shared.health;

import static io.staybook.test.ProblemAssertions.assertUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL holding a table's lock past {@code lock_timeout} (a migration's or a maintenance command's ACCESS
 * EXCLUSIVE lock, a stalled transaction): a read of that table is a quick 503 {@code service_unavailable} with
 * {@code Retry-After}, over REST and GraphQL alike, not a 409 {@code concurrent_update} ("changed by another request"),
 * which a GET of one's own wishlists never is; and once the lock is gone, the read works. (A write that times out on
 * a lock stays a 409 concurrent_update: it may have met a concurrent change of the same rows.)
 */
@IntegrationTest
class LockedTableIntegrationTests {

	/** {@code staybook.database.lock-timeout} (3 s) and a little. */
	private static final Duration QUICK = Duration.ofSeconds(6);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	DataSource dataSource;

	@Test
	void aReadOfALockedTableIsA503NotAConflict() throws Exception {
		api.contract();
		Accounts.TestUser guest = accounts.guest();
		Accounts.TestUser host = accounts.host();
		String photos = "/api/v1/properties/" + Listings.id(listings.create(host)) + "/photos";
		assertThat(api.get("/api/v1/wishlists").as(guest).send().status()).isEqualTo(200);

		try (Connection holder = dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (Statement lock = holder.createStatement()) {
				lock.execute("lock table wishlists, property_photos in access exclusive mode");
			}
			try {
				assertUnavailable(quick(() -> api.get("/api/v1/wishlists").as(guest).send()));
				assertUnavailable(quick(() -> api.get(photos).send()));
				Api.Response query = quick(() -> api
					.post("/graphql", Map.of("query", "{ wishlists { edges { node { id } } } }"))
					.as(guest)
					.send());
				assertThat(query.status()).as(query.toString()).isEqualTo(200);
				JsonNode error = query.body().path("errors").path(0);
				assertThat(error.path("extensions").path("code").asString()).as(query.toString())
					.isEqualTo("service_unavailable");
			}
			finally {
				holder.rollback();
			}
		}

		assertThat(api.get("/api/v1/wishlists").as(guest).send().status()).isEqualTo(200);
		assertThat(api.get(photos).send().status()).isEqualTo(200);
	}

	private static Api.Response quick(Supplier<Api.Response> call) {
		long start = System.nanoTime();
		Api.Response response = call.get();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered quickly: " + response).isLessThan(QUICK);
		return response;
	}
}
