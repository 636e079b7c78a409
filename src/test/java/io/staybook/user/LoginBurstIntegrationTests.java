package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A burst of logins leaves listing reads answering (issue 10, item 4). Before, each login held a database connection
 * for its whole Argon2 hash, so 200 of them took the pool, and a read waited behind nearly the whole burst.
 */
@IntegrationTest
class LoginBurstIntegrationTests {

	private static final int LOGINS = 200;

	private static final int MAX_READS = 10_000;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	PasswordHashing hashing;

	@AfterEach
	void unhook() {
		hashing.beforeHash = () -> {
		};
	}

	@LocalServerPort
	int port;

	/**
	 * The burst's logins go by an HTTP client of their own and unchecked by the OpenAPI validator, whose work for 200
	 * answers at once would compete for the CPU with the reads this test is about. (Their answers' shapes are checked
	 * by the other tests.)
	 */
	private final HttpClient burstClient = HttpClient.newHttpClient();

	private Api.Response login(TestUser user) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Api.json(Map.of("email", user.email(), "password",
					user.password()))))
			.build();
		try {
			HttpResponse<String> response = burstClient.send(request, HttpResponse.BodyHandlers.ofString());
			return new Api.Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void listingReadsAllAnswerWhileTwoHundredLoginsAreStillInFlight() throws Exception {
		TestUser host = accounts.host();
		JsonNode listing = listings.create(host);
		String id = listing.path("id").asString();
		String city = listing.path("city").asString();
		TestUser guest = accounts.guest();
		// warm: the first read of each kind (cache fill, first query plan) is not what this test is about
		assertThat(api.get("/api/v1/properties/" + id).send().status()).isEqualTo(200);
		assertThat(api.get("/api/v1/properties?city=" + city).send().status()).isEqualTo(200);

		CountDownLatch hashing = new CountDownLatch(1);
		this.hashing.beforeHash = hashing::countDown;
		AtomicInteger answeredLogins = new AtomicInteger();
		CompletableFuture<List<Api.Response>> burst = CompletableFuture.supplyAsync(() -> {
			try {
				return Concurrently.send(LOGINS, i -> {
					var response = login(guest);
					answeredLogins.incrementAndGet();
					return response;
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(hashing.await(30, TimeUnit.SECONDS)).as("the burst started hashing").isTrue();

		// reads one after the other for as long as the burst lasts: the listing (served from the cache once read) and
		// a search, which queries the database every time; each noted with whether logins were still unanswered
		List<Api.Response> reads = new ArrayList<>();
		int searchesDuringTheBurst = 0;
		while (!burst.isDone() && reads.size() < MAX_READS) {
			boolean search = reads.size() % 2 == 1;
			reads.add(search ? api.get("/api/v1/properties?city=" + city).send()
					: api.get("/api/v1/properties/" + id).send());
			if (search && answeredLogins.get() < LOGINS) {
				searchesDuringTheBurst++;
			}
		}

		List<Api.Response> logins = burst.get(2, TimeUnit.MINUTES);
		assertThat(reads).allSatisfy(read -> assertThat(read.status()).as(read.toString()).isEqualTo(200));
		assertThat(searchesDuringTheBurst).as("searches answered while logins were still in flight")
			.isGreaterThanOrEqualTo(3);
		// a login is either served or, when too many wait for a hash, shed with 503 and Retry-After; never a hang
		assertThat(logins).allSatisfy(login -> {
			assertThat(login.status()).as(login.toString()).isIn(200, 503);
			if (login.status() == 503) {
				assertThat(login.body().path("code").asString()).isEqualTo("service_unavailable");
				assertThat(login.header("Retry-After")).isNotNull();
			}
		});
		assertThat(logins).as("the burst was served, not merely refused").anyMatch(login -> login.status() == 200);
	}
}
