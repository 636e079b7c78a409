package io.staybook.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.OpenApiContract;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI check that {@link Api} runs on every exchange really catches drift: fabricated exchanges that break the
 * service's own {@code /v3/api-docs} in the usual ways are reported, and the real ones pass.
 */
@IntegrationTest
class OpenApiContractIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpHeaders JSON_HEADERS = headers(Map.of("Content-Type", "application/json"));

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Test
	void aResponseBodyThatBreaksItsSchemaIsReported() {
		String id = listings.create(accounts.host()).path("id").asString();
		Api.Response real = api.get("/api/v1/properties/" + id).send();
		OpenApiContract contract = api.contract();
		assertThat(contract.violations("GET", "/api/v1/properties/" + id, Map.of(), null, true, real)).isEmpty();

		ObjectNode body = (ObjectNode) JSON.readTree(real.text());
		body.put("title", 5);
		body.remove("host_id");
		body.put("undocumented", true);
		Api.Response drifted = new Api.Response(200, real.headers(), JSON.writeValueAsString(body));

		String violations = contract.violations("GET", "/api/v1/properties/" + id, Map.of(), null, true, drifted);
		assertThat(violations).contains("title").contains("host_id").contains("undocumented");
		assertThatThrownBy(() -> contract.check("GET", "/api/v1/properties/" + id, Map.of(), null, true, drifted))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("disagrees with /v3/api-docs");
	}

	@Test
	void anUndocumentedStatusOrAMissingHeaderIsReported() {
		OpenApiContract contract = api.contract();
		Api.Response teapot = new Api.Response(418, JSON_HEADERS, "{}");
		assertThat(contract.violations("GET", "/api/v1/reviews", Map.of(), null, true, teapot))
			.contains("validation.response.status.unknown");

		String booking = """
				{"id":"0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50"}""";
		Api.Response createdWithoutLocation = new Api.Response(201, JSON_HEADERS, booking);
		assertThat(contract.violations("POST", "/api/v1/bookings", Map.of("Content-Type", "application/json"), "{}",
				true, createdWithoutLocation))
			.contains("Location");
	}

	@Test
	void aRequestTheDocumentCallsInvalidIsReportedWhenTheServiceAcceptedIt() {
		OpenApiContract contract = api.contract();
		Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "Bearer x");
		String missingGuests = """
				{"property_id":"0195f3a2-7c1e-7d4e-9a3b-5f1c2d3e4f50","check_in":"2027-03-01","check_out":"2027-03-05"}""";
		Api.Response refused = new Api.Response(400,
				headers(Map.of("Content-Type", "application/problem+json", "X-Request-Id", "r-1")),
				"""
						{"type":"urn:staybook:problem:validation_failed","title":"Bad Request","status":400,\
						"code":"validation_failed"}""");
		assertThat(contract.violations("POST", "/api/v1/bookings", headers, missingGuests, true, refused))
			.as("a refused bad request says nothing about the document")
			.isEmpty();

		Api.Response accepted = new Api.Response(201, JSON_HEADERS, "{}");
		assertThat(contract.violations("POST", "/api/v1/bookings", headers, missingGuests, true, accepted))
			.contains("guests");
	}

	@Test
	void unknownPathsAndNonApiPathsAreNotDocumentDrift() {
		OpenApiContract contract = api.contract();
		Api.Response notFound = new Api.Response(404, headers(Map.of("Content-Type", "application/problem+json")),
				"{}");
		assertThat(contract.violations("GET", "/api/v1/no-such-thing", Map.of(), null, true, notFound)).isEmpty();
		Api.Response health = new Api.Response(200, JSON_HEADERS, "{\"status\":\"UP\"}");
		assertThat(contract.violations("GET", "/actuator/health", Map.of(), null, true, health)).isEmpty();
	}

	private static HttpHeaders headers(Map<String, String> headers) {
		return HttpHeaders.of(
				headers.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
						e -> List.of(e.getValue()))),
				(name, value) -> true);
	}
}
