package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Documents that do not parse or do not fit the schema are refused with the contract's BAD_REQUEST. */
@IntegrationTest
class GraphQlRequestErrorsIntegrationTests {

	@Autowired
	Api api;

	@ParameterizedTest
	@ValueSource(strings = { "{ properties { edges { node { title } }", "{ noSuchField }",
			"{ property(id: 5, extra: 1) { title } }", "{ properties(first: \"many\") { edges { cursor } } }" })
	void isABadRequestWithACode(String query) {
		Api.Response response = api.post("/graphql", Map.of("query", query)).send();

		JsonNode errors = response.body().path("errors");
		assertThat(errors.isArray() && !errors.isEmpty()).as(response.toString()).isTrue();
		errors.forEach(error -> {
			assertThat(error.path("extensions").path("classification").asString()).as(response.toString())
				.isEqualTo("BAD_REQUEST");
			assertThat(error.path("extensions").path("code").asString()).isEqualTo("invalid_query");
		});
		assertThat(response.text()).doesNotContain("Exception", "java.", "graphql.");
	}
}
