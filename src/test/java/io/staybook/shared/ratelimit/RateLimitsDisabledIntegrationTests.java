package io.staybook.shared.ratelimit;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code staybook.rate-limits.enabled=false} switches off every limit (here set to one call) but the contract's login
 * throttle.
 */
@IntegrationTest
@TestPropertySource(properties = { "staybook.rate-limits.enabled=false",
		"staybook.rate-limits.limits.anonymous.capacity=1", "staybook.rate-limits.limits.login-ip.capacity=1",
		"staybook.rate-limits.limits.registration.capacity=1" })
class RateLimitsDisabledIntegrationTests {

	@Autowired
	Api api;

	@Test
	void onlyTheLoginThrottleRemains() {
		for (int i = 0; i < 3; i++) {
			Api.Response read = api.get("/api/v1/properties").header("X-Forwarded-For", "198.18.0.1").send();
			assertThat(read.status()).as(read.toString()).isEqualTo(200);
			assertThat(read.header("RateLimit")).isNull();
		}
		String email = Accounts.uniqueEmail("disabled");
		for (int i = 0; i < 5; i++) {
			assertProblem(api.post("/api/v1/auth/token", Map.of("email", email, "password", "wrong " + i))
				.header("X-Forwarded-For", "198.18.0.2")
				.send(), 401);
		}

		Api.Response throttled = api.post("/api/v1/auth/token", Map.of("email", email, "password", "wrong"))
			.header("X-Forwarded-For", "198.18.0.2")
			.send();
		assertThat(assertProblem(throttled, 429).path("code").asString()).isEqualTo("too_many_login_attempts");
	}
}
