package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /graphql} takes the request of the GraphQL-over-HTTP specification as real clients send it:
 * {@code query}, {@code operationName}, {@code variables} and {@code extensions}, in camelCase, any optional one
 * possibly {@code null}; {@code operationName} picks the operation of a document that has several. Members the
 * specification does not define are refused, as are members of the wrong type.
 */
@IntegrationTest
class GraphQlEnvelopeIntegrationTests {

	/** Two operations; B takes a variable. */
	static final String TWO_OPERATIONS = """
			query A { a: __typename }
			query B($type: String!) { __type(name: $type) { name } }""";

	@Autowired
	Api api;

	/** Spring's own routes answered these with an empty body; every refusal of the service is a problem. */
	@Test
	void whatTheEndpointRefusesIsAProblem() {
		Api.Response get = api.get("/graphql?query=%7B__typename%7D").send();
		assertThat(get.status()).as(get.toString()).isEqualTo(405);
		assertThat(get.header("Allow")).isEqualTo("POST");
		assertThat(get.contentType()).startsWith("application/problem+json");
		assertThat(get.body().path("code").asString()).isEqualTo("method_not_allowed");

		Api.Response text = api.post("/graphql", null)
			.header("Content-Type", "text/plain")
			.raw("{ __typename }")
			.send();
		assertThat(text.status()).as(text.toString()).isEqualTo(415);
		assertThat(text.contentType()).startsWith("application/problem+json");
		assertThat(text.body().path("code").asString()).isEqualTo("unsupported_media_type");

		Api.Response html = api.post("/graphql", Map.of("query", "{ __typename }")).header("Accept", "text/html").send();
		assertThat(html.status()).as(html.toString()).isEqualTo(406);
		assertThat(html.contentType()).startsWith("application/problem+json");
	}

	@Test
	void theSmallestRequestWithAnOperationNameRuns() {
		Api.Response response = graphQl(Map.of("query", "query Q { __typename }", "operationName", "Q"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.body().path("data").path("__typename").asString()).isEqualTo("Query");
		assertThat(response.body().has("errors")).as(response.toString()).isFalse();
	}

	/** What Apollo Client 3.11 sends: every member, extensions included. */
	@Test
	void operationNameSelectsTheOperationAndVariablesAndExtensionsAreTaken() {
		Api.Response b = graphQl(Map.of("query", TWO_OPERATIONS, "operationName", "B", "variables", Map.of("type", "Property"),
				"extensions", Map.of("clientLibrary", Map.of("name", "@apollo/client", "version", "3.11.0"))));

		assertThat(b.status()).as(b.toString()).isEqualTo(200);
		JsonNode data = b.body().path("data");
		assertThat(data.has("a")).as(b.toString()).isFalse();
		assertThat(data.path("__type").path("name").asString()).as(b.toString()).isEqualTo("Property");

		Api.Response a = graphQl(Map.of("query", TWO_OPERATIONS, "operationName", "A"));

		assertThat(a.body().path("data").path("a").asString()).as(a.toString()).isEqualTo("Query");
		assertThat(a.body().path("data").has("__type")).as(a.toString()).isFalse();
	}

	@Test
	void aDocumentOfSeveralOperationsNeedsANameThatExists() {
		for (String name : new String[] { null, "C" }) {
			Map<String, Object> body = new HashMap<>();
			body.put("query", TWO_OPERATIONS);
			body.put("operationName", name);
			Api.Response response = graphQl(body);

			assertThat(response.body().path("errors").isEmpty()).as(response.toString()).isFalse();
			assertThat(response.body().path("data").isMissingNode() || response.body().path("data").isNull())
				.as(response.toString())
				.isTrue();
			assertThat(response.text()).doesNotContain("Exception", "java.", "graphql.");
		}
	}

	/** The specification: "Specifying null for optional request parameters is equivalent to not specifying them". */
	@Test
	void nullForTheOptionalMembersIsTheSameAsLeavingThemOut() {
		Api.Response response = api.post("/graphql", null)
			.header("Content-Type", "application/json")
			.raw("""
					{"query": "{ __typename }", "operationName": null, "variables": null, "extensions": null}""")
			.send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.body().path("data").path("__typename").asString()).isEqualTo("Query");
	}

	/**
	 * The specification reserves every other member name and tells implementors to use {@code extensions}; a member we
	 * do not know is refused rather than dropped, so a typo never runs a different query. {@code operation_name} is
	 * the REST bodies' spelling, which must not leak into GraphQL.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "operation_name", "varaibles", "documentId" })
	void aMemberTheSpecificationDoesNotDefineIsRefused(String member) {
		Api.Response response = graphQl(Map.of("query", "query Q { __typename }", member, "Q"));

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.text()).contains(member).doesNotContain("Exception", "java.", "springframework");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"query\": null}", "{\"query\": 1}", "{\"query\": \"{ __typename }\", \"variables\": [7]}",
			"{\"query\": \"{ __typename }\", \"operationName\": {}}", "{\"query\": \"{ __typename }\", \"extensions\": 1}" })
	void aMissingQueryOrAMemberOfTheWrongTypeIsRefused(String body) {
		Api.Response response = api.post("/graphql", null).header("Content-Type", "application/json").raw(body).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.text()).doesNotContain("Exception", "java.", "springframework");
	}

	private Api.Response graphQl(Map<String, Object> body) {
		return api.post("/graphql", body).header("Accept", "application/graphql-response+json").send();
	}
}
