package io.staybook.shared.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * With a separate management port ({@code management.server.port}, here on 127.0.0.1), Prometheus scrapes
 * {@code /actuator/prometheus} there without a token, and health answers there too; the main port serves no metrics to
 * anyone (issue 11, item 9). With {@code management.endpoint.health.probes.add-additional-paths}, load balancers
 * that can reach only the main port probe {@code /livez} and {@code /readyz} there. The default, one port with admin-only
 * metrics, is {@link ManagementEndpointsIntegrationTests}.
 */
@IntegrationTest
@TestPropertySource(properties = { "management.server.port=0", "management.server.address=127.0.0.1",
		"management.endpoint.health.probes.add-additional-paths=true" })
class ManagementPortIntegrationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalManagementPort
	int managementPort;

	@LocalServerPort
	int serverPort;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Test
	void theManagementPortServesMetricsAndHealthWithoutAToken() throws Exception {
		HttpResponse<String> metrics = get("/actuator/prometheus");

		assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
		assertThat(metrics.body()).contains("# HELP", "jvm_memory_used_bytes", "staybook_jobs_queue");
		for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
			HttpResponse<String> health = get(path);
			assertThat(health.statusCode()).as(path + " " + health.body()).isEqualTo(200);
			assertThat(health.body()).as(path).contains("\"UP\"");
		}
	}

	@Test
	void theMainPortServesNoMetricsAndStillRefusesThemToNonAdmins() {
		var anonymous = api.get("/actuator/prometheus").send();
		assertThat(anonymous.status()).as("no such endpoint here: " + anonymous).isEqualTo(404);
		assertThat(anonymous.text()).doesNotContain("jvm_", "# HELP");

		var guest = api.get("/actuator/prometheus").as(accounts.guest()).send();
		assertThat(guest.status()).as("still refused to non-admins: " + guest).isEqualTo(403);
		assertThat(guest.text()).doesNotContain("jvm_", "# HELP");

		var admin = api.get("/actuator/prometheus").as(accounts.admin()).send();
		assertThat(admin.status()).as("served on the management port only: " + admin).isEqualTo(404);
		assertThat(admin.text()).doesNotContain("jvm_", "# HELP");
	}

	@Test
	void withAdditionalPathsTheMainPortStillAnswersLoadBalancersProbes() throws Exception {
		for (String path : List.of("/livez", "/readyz")) {
			// not API paths: the raw client, not the one that checks exchanges against the OpenAPI document
			HttpResponse<String> probe = get(serverPort, path);
			assertThat(probe.statusCode()).as(path + " " + probe.body()).isEqualTo(200);
			assertThat(probe.body()).as(path).contains("\"UP\"").doesNotContain("components");
		}
	}

	@Test
	void theManagementPortServesOnlyTheManagementEndpoints() throws Exception {
		HttpResponse<String> api = get("/api/v1/properties?limit=1");

		assertThat(api.statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(managementPort, path);
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
