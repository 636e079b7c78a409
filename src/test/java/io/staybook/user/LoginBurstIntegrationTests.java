package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
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
import tools.jackson.databind.JsonNode;

/**
 * A burst of logins leaves listing reads answering (issue 10, item 4). Before, each login held a database connection
 * for its whole Argon2 hash, so 200 of them took the pool, and a read waited behind nearly the whole burst.
 */
@IntegrationTest
class LoginBurstIntegrationTests {

	private static final int LOGINS = 200;

	private static final int READS = 20;

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

	@Test
	void listingReadsAllAnswerWhileTwoHundredLoginsAreStillInFlight() throws Exception {
		TestUser host = accounts.host();
		JsonNode listing = listings.create(host);
		String id = listing.path("id").asString();
		String city = listing.path("city").asString();
		TestUser guest = accounts.guest();

		CountDownLatch hashing = new CountDownLatch(1);
		this.hashing.beforeHash = hashing::countDown;
		AtomicInteger answeredLogins = new AtomicInteger();
		CompletableFuture<List<Api.Response>> burst = CompletableFuture.supplyAsync(() -> {
			try {
				return Concurrently.send(LOGINS, i -> {
					var response = api.post("/api/v1/auth/token",
							Map.of("email", guest.email(), "password", guest.password()))
						.send();
					answeredLogins.incrementAndGet();
					return response;
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(hashing.await(30, TimeUnit.SECONDS)).as("the burst started hashing").isTrue();

		// the single listing (served from the cache once read) and a search (a query every time)
		List<Api.Response> reads = new ArrayList<>();
		for (int i = 0; i < READS; i++) {
			reads.add(i % 2 == 0 ? api.get("/api/v1/properties/" + id).send()
					: api.get("/api/v1/properties?city=" + city).send());
		}
		int loginsAnsweredWhenReadsWereDone = answeredLogins.get();

		List<Api.Response> logins = burst.get(2, TimeUnit.MINUTES);
		assertThat(reads).allSatisfy(read -> assertThat(read.status()).as(read.toString()).isEqualTo(200));
		assertThat(loginsAnsweredWhenReadsWereDone).as("the reads were all answered while most logins were in flight")
			.isLessThan(LOGINS / 2);
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
