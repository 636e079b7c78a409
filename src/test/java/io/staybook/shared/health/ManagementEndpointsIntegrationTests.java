package io.staybook.shared.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Management endpoints at the edge (issue 11, item 9): the health probes answer anyone with a bare status, for load
 * balancers; the metrics ({@code /actuator/prometheus}, internals of the node) and health's components are for admins
 * only.
 */
@IntegrationTest
class ManagementEndpointsIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Test
	void prometheusIsForAdminsOnly() {
		var anonymous = api.get("/actuator/prometheus").send();
		assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
		assertThat(anonymous.text()).doesNotContain("jvm_", "# HELP");

		var guest = api.get("/actuator/prometheus").as(accounts.guest()).send();
		assertThat(guest.status()).as(guest.toString()).isEqualTo(403);
		assertThat(guest.text()).doesNotContain("jvm_", "# HELP");

		var admin = api.get("/actuator/prometheus").as(accounts.admin()).send();
		assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
		assertThat(admin.text()).contains("# HELP", "jvm_memory_used_bytes");
	}

	@Test
	void probesAnswerAnyoneWithAStatusAndAdminsWithTheComponents() {
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			var anonymous = api.get(path).send();
			assertThat(anonymous.status()).as(path + " " + anonymous).isEqualTo(200);
			assertThat(anonymous.body().has("components")).as(path).isFalse();
		}

		var admin = api.get("/actuator/health/readiness").as(accounts.admin()).send();
		assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
		assertThat(admin.body().path("components").has("db")).as(admin.toString()).isTrue();
		assertThat(admin.body().path("components").has("redis")).as("readiness never asks Redis").isFalse();
		var liveness = api.get("/actuator/health/liveness").as(accounts.admin()).send();
		assertThat(liveness.body().path("components").has("livenessState")).as(liveness.toString()).isTrue();
		assertThat(liveness.body().path("components").has("db")).as("liveness never asks PostgreSQL").isFalse();
	}
}
