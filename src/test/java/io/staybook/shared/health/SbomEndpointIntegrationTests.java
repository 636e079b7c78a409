package io.staybook.shared.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The software bill of materials at {@code /actuator/sbom} (issue 11, item 10): the CycloneDX SBOM that the build
 * writes into the jar is served to admins only, like every management endpoint but the health probes. The build
 * writes it only when Maven is online (the CycloneDX plugin refuses offline mode), so the admin's read is checked
 * only where the file is on the class path; the refusals always are.
 */
@IntegrationTest
class SbomEndpointIntegrationTests {

	private static final String SBOM = "/META-INF/sbom/bom.json";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Test
	void theSbomIsRefusedToAnonymousCallersAndToNonAdmins() {
		for (String path : new String[] { "/actuator/sbom", "/actuator/sbom/application" }) {
			var anonymous = api.get(path).send();
			assertThat(anonymous.status()).as(path + " " + anonymous).isEqualTo(401);
			assertThat(anonymous.text()).doesNotContain("CycloneDX", "components");

			var guest = api.get(path).as(accounts.guest()).send();
			assertThat(guest.status()).as(path + " " + guest).isEqualTo(403);
			assertThat(guest.text()).doesNotContain("CycloneDX", "components");
		}
	}

	@Test
	void adminsReadTheBuildsCycloneDxSbom() {
		assumeThat(getClass().getResource(SBOM)).as("the build wrote " + SBOM + " (an online Maven build)").isNotNull();

		var ids = api.get("/actuator/sbom").as(accounts.admin()).send();
		assertThat(ids.status()).as(ids.toString()).isEqualTo(200);
		assertThat(ids.body().path("ids").toString()).contains("application");

		var sbom = api.get("/actuator/sbom/application").as(accounts.admin()).send();
		assertThat(sbom.status()).as("status %d", sbom.status()).isEqualTo(200);
		assertThat(sbom.contentType()).startsWith("application/vnd.cyclonedx+json");
		assertThat(sbom.body().path("bomFormat").asString()).isEqualTo("CycloneDX");
		assertThat(sbom.body().path("metadata").path("component").path("name").asString()).isEqualTo("staybook");
		assertThat(sbom.body().path("components").size()).as("runtime dependencies listed").isGreaterThan(50);
	}
}
