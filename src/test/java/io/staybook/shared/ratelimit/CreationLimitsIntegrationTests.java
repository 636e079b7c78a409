package io.staybook.shared.ratelimit;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The tighter buckets per account: creating bookings, payments, reviews and messages, changing the password, and GraphQL
 * operations. Each takes a token whatever the outcome (here invalid requests, answered 400), so the third of each is a
 * 429 {@code too_many_requests}, while the account's other calls still pass; a GraphQL operation takes its cost (2 for
 * the query here, out of 4).
 */
@IntegrationTest
@TestPropertySource(properties = { "staybook.rate-limits.limits.booking.capacity=2",
		"staybook.rate-limits.limits.payment.capacity=2", "staybook.rate-limits.limits.review.capacity=2",
		"staybook.rate-limits.limits.password-change.capacity=2", "staybook.rate-limits.limits.message.capacity=2",
		// GraphQL in cost units: { me { id } } costs 2
		"staybook.rate-limits.limits.graphql.capacity=4" })
class CreationLimitsIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@LocalServerPort
	int port;

	private void assertThirdIsLimited(Supplier<Api.Response> call, String limit) {
		for (int i = 0; i < 2; i++) {
			Api.Response response = call.get();
			assertThat(response.status()).as(response.toString()).isNotEqualTo(429);
		}
		Api.Response limited = call.get();
		assertThat(assertProblem(limited, 429).path("code").asString()).isEqualTo("too_many_requests");
		assertThat(limited.headers().allValues("RateLimit")).anySatisfy(
				state -> assertThat(state).startsWith("\"" + limit + "\";r=0;t="));
	}

	@Test
	void bookingCreationsPerAccount() {
		TestUser guest = accounts.guest();
		assertThirdIsLimited(() -> api.post("/api/v1/bookings", Map.of()).as(guest).send(), RateLimits.BOOKING);
		assertThat(api.get("/api/v1/users/me").as(guest).send().status()).isEqualTo(200);
		assertThat(api.post("/api/v1/bookings", Map.of()).as(accounts.guest()).send().status()).isEqualTo(400);
	}

	@Test
	void paymentCreationsPerAccount() {
		TestUser guest = accounts.guest();
		assertThirdIsLimited(() -> api.post("/api/v1/payments", Map.of()).as(guest).send(), RateLimits.PAYMENT);
	}

	@Test
	void reviewCreationsPerAccount() {
		TestUser guest = accounts.guest();
		assertThirdIsLimited(() -> api.post("/api/v1/reviews", Map.of()).as(guest).send(), RateLimits.REVIEW);
	}

	@Test
	void messageWritesPerAccount() {
		TestUser guest = accounts.guest();
		assertThirdIsLimited(() -> api.post("/api/v1/conversations", Map.of()).as(guest).send(), RateLimits.MESSAGE);
		// a message in a conversation counts against the same bucket
		assertThat(assertProblem(api.post("/api/v1/conversations/0190b3c2-7a51-7cc4-9f43-5a2b0c1d2e3f/messages",
				Map.of("body", "hello")).as(guest).send(), 429).path("code").asString()).isEqualTo("too_many_requests");
		assertThat(api.get("/api/v1/conversations").as(guest).send().status()).isEqualTo(200);
	}

	@Test
	void passwordChangesPerAccount() {
		TestUser guest = accounts.guest();
		assertThirdIsLimited(() -> api.patch("/api/v1/users/me",
				Map.of("password", "a new password 1", "current_password", "not the current one"))
			.as(guest)
			.send(), RateLimits.PASSWORD_CHANGE);
		// a change of name alone is no password change
		assertThat(api.patch("/api/v1/users/me", Map.of("first_name", "Ada")).as(guest).send().status()).isEqualTo(200);
	}

	@Test
	void graphQlRequestsPerAccount() throws Exception {
		TestUser guest = accounts.guest();
		HttpClient http = HttpClient.newHttpClient();
		int[] statuses = new int[3];
		for (int i = 0; i < 3; i++) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + guest.accessToken())
				.POST(HttpRequest.BodyPublishers.ofString(Api.json(Map.of("query", "{ me { id } }"))))
				.build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			statuses[i] = response.statusCode();
			if (i == 2) {
				assertThat(response.body()).contains("too_many_requests");
				assertThat(response.headers().firstValue("Retry-After")).isPresent();
			}
		}
		assertThat(statuses).containsExactly(200, 200, 429);
	}
}
