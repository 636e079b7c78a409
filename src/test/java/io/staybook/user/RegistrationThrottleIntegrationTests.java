package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registrations are limited per client address (issue 10, item 4), over REST and GraphQL alike: past the bucket a
 * registration is a 429 {@code too_many_registrations} with {@code Retry-After}, other addresses are unaffected, and
 * the bucket refills with time. The other tests register from one address without limit, so this class starts the one
 * context with a small limit; each test comes from addresses of its own (X-Forwarded-For, which the service trusts as
 * configured by {@code server.forward-headers-strategy}).
 */
@IntegrationTest
@TestPropertySource(properties = { "staybook.rate-limits.limits.registration.capacity=3",
		"staybook.rate-limits.limits.registration.period=1h" })
class RegistrationThrottleIntegrationTests {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	Api api;

	@Autowired
	MutableClock clock;

	@LocalServerPort
	int port;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private static String newAddress() {
		return "198.51.100." + ADDRESSES.incrementAndGet();
	}

	private Api.Response register(String address) {
		return api.post("/api/v1/users", Map.of("first_name", "Sam", "last_name", "Spam", "email",
				Accounts.uniqueEmail("throttle"), "password", Accounts.PASSWORD))
			.header("X-Forwarded-For", address)
			.send();
	}

	/** A 429 problem with a Retry-After of whole seconds; returns those seconds. */
	private static long assertThrottled(Api.Response response) {
		JsonNode problem = assertProblem(response, 429);
		assertThat(problem.path("code").asString()).isEqualTo("too_many_registrations");
		String retryAfter = response.header("Retry-After");
		assertThat(retryAfter).as("Retry-After of %s", response).isNotNull().matches("[1-9][0-9]*");
		return Long.parseLong(retryAfter);
	}

	@Test
	void theFourthRegistrationFromOneAddressIs429AndAnotherAddressIsUnaffected() {
		String address = newAddress();
		for (int i = 0; i < 3; i++) {
			assertThat(register(address).status()).isEqualTo(201);
		}

		long retryAfter = assertThrottled(register(address));
		assertThat(retryAfter).isBetween(1L, 60L * 60);
		assertThat(register(newAddress()).status()).isEqualTo(201);
	}

	@Test
	void theBucketRefillsWithTime() {
		String address = newAddress();
		for (int i = 0; i < 3; i++) {
			assertThat(register(address).status()).isEqualTo(201);
		}
		long retryAfter = assertThrottled(register(address));

		clock.advance(Duration.ofSeconds(retryAfter));
		assertThat(register(address).status()).isEqualTo(201);
		assertThrottled(register(address));
	}

	@Test
	void graphQlRegistrationsCountAgainstTheSameAddress() throws Exception {
		String address = newAddress();
		for (int i = 0; i < 3; i++) {
			assertThat(register(address).status()).isEqualTo(201);
		}

		String mutation = "mutation { register(input: {firstName: \"Sam\", lastName: \"Spam\", email: \""
				+ Accounts.uniqueEmail("throttle") + "\", password: \"" + Accounts.PASSWORD + "\"}) { id } }";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", address)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", mutation))))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		JsonNode error = JSON.readTree(response.body()).path("errors").path(0);
		assertThat(error.path("extensions").path("classification").asString()).as(response.body())
			.isEqualTo("TOO_MANY_REQUESTS");
		assertThat(error.path("extensions").path("code").asString()).isEqualTo("too_many_registrations");
	}
}
