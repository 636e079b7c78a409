package io.staybook.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** {@link StartupReport}: the links a newcomer is given at start (README, "The two commands"). */
class StartupReportUnitTests {

	/** The base path {@code /api/v1} answers 404, so the API's link must name a resource that answers. */
	@Test
	void theApiLinkIsAnAnsweringResourceOnTheListeningPort() {
		String line = StartupReport.links(new MockEnvironment().withProperty("local.server.port", "18741"));

		assertThat(line).contains("API http://localhost:18741/api/v1/properties,")
				.contains("Swagger UI http://localhost:18741/swagger-ui.html")
				.contains("GraphiQL http://localhost:18741/graphiql")
				.contains("health http://localhost:18741/actuator/health")
				.doesNotContain("/api/v1,");
	}
}
