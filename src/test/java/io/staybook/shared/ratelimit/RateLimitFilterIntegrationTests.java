package io.staybook.shared.ratelimit;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Every API call passes a bucket: per client address without a token, per account with one. Past it the answer is a
 * 429 {@code too_many_requests} with {@code Retry-After} and the IETF RateLimit headers, documented in OpenAPI (every
 * exchange of {@link Api} is validated against it). Small buckets of its own; one account made through
 * {@link Accounts} (two anonymous calls from 127.0.0.1, one with its token), the rest from addresses of its own.
 */
@IntegrationTest
@TestPropertySource(properties = { "staybook.rate-limits.limits.anonymous.capacity=3",
		"staybook.rate-limits.limits.anonymous.period=1h", "staybook.rate-limits.limits.account.capacity=3",
		"staybook.rate-limits.limits.account.period=1h" })
class RateLimitFilterIntegrationTests {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	private static String newAddress() {
		return "192.0.2." + ADDRESSES.incrementAndGet();
	}

	/** A 429 of {@code limit}, a bucket of three an hour, with its headers. */
	static void assertLimited(Api.Response response, String limit) {
		assertThat(assertProblem(response, 429).path("code").asString()).isEqualTo("too_many_requests");
		assertThat(response.header("Retry-After")).isNotNull().matches("[1-9][0-9]*");
		assertThat(response.header("RateLimit-Policy")).isEqualTo("\"" + limit + "\";q=3;w=3600");
		assertThat(response.header("RateLimit")).matches("\"" + limit + "\";r=0;t=[1-9][0-9]*");
	}

	@Test
	void anonymousCallsAreLimitedPerAddressWithHeadersOnEveryAnswer() {
		String address = newAddress();
		for (int remaining = 2; remaining >= 0; remaining--) {
			Api.Response read = api.get("/api/v1/properties").header("X-Forwarded-For", address).send();
			assertThat(read.status()).as(read.toString()).isEqualTo(200);
			assertThat(read.header("RateLimit-Policy")).isEqualTo("\"anonymous\";q=3;w=3600");
			assertThat(read.header("RateLimit")).startsWith("\"anonymous\";r=" + remaining + ";t=");
		}

		assertLimited(api.get("/api/v1/properties").header("X-Forwarded-For", address).send(), "anonymous");
		assertThat(api.get("/api/v1/properties").header("X-Forwarded-For", newAddress()).send().status())
			.isEqualTo(200);
	}

	@Test
	void callsWithATokenAreLimitedPerAccountWhateverTheAddress() {
		TestUser guest = accounts.guest(); // its /users/me took one call of the account's three
		assertThat(api.get("/api/v1/users/me").as(guest).header("X-Forwarded-For", newAddress()).send().status())
			.isEqualTo(200);
		assertThat(api.get("/api/v1/users/me").as(guest).header("X-Forwarded-For", newAddress()).send().status())
			.isEqualTo(200);

		assertLimited(api.get("/api/v1/users/me").as(guest).header("X-Forwarded-For", newAddress()).send(), "account");
	}
}
