package io.staybook.shared.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Redis is configured but nothing listens (the context of {@code PropertyRedisDownIntegrationTests}): every request
 * still works from PostgreSQL, so health, liveness and readiness stay UP, quickly; a load balancer must not drop every
 * node for a dead cache (issue 11, item 8). Admins see Redis as DEGRADED among the components.
 */
@IntegrationTest
@TestPropertySource(properties = "spring.data.redis.url=redis://127.0.0.1:1")
class RedisDownHealthIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Test
	void healthStaysUpWithoutRedis() {
		// the client checks every exchange against /v3/api-docs, loaded once: not inside a timed call
		api.contract();
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			long start = System.nanoTime();
			var response = api.get(path).send();
			long tookMillis = (System.nanoTime() - start) / 1_000_000;
			assertThat(response.status()).as(path + " " + response).isEqualTo(200);
			assertThat(response.body().path("status").asString()).as(path).isEqualTo("UP");
			assertThat(tookMillis).as(path).isLessThan(2000);
		}
		var admin = api.get("/actuator/health").as(accounts.admin()).send();
		assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
		assertThat(admin.body().path("components").path("redis").path("status").asString()).as("shown to admins")
			.isEqualTo("DEGRADED");
	}
}
