package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
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

	/** A mutation, which a GET may not run. */
	static final String REFRESH = "mutation { refreshToken(refreshToken: \"x\") { accessToken } }";

	@Autowired
	Api api;

	/** Spring's own routes answered these with an empty body; every refusal of the service is a problem. */
	@Test
	void whatTheEndpointRefusesIsAProblem() {
		// a GET may only read (GraphQL over HTTP): a mutation is refused, and names the method that takes it
		Api.Response get = api.get("/graphql?query=" + encode(REFRESH)).send();
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

	/**
	 * urql (since {@code @urql/core} 6) sends every query whose URL stays under 2,048 characters as a GET, with the
	 * members as parameters and {@code variables}/{@code extensions} as JSON; it was answered 405, so a default urql
	 * client could read nothing. Mutations stay POST only, whichever operation of the document is picked.
	 */
	@Test
	void aQuerySentWithGetAsUrqlSendsItRuns() {
		Api.Response b = api.get("/graphql?query=" + encode(TWO_OPERATIONS) + "&operationName=B&variables="
				+ encode("{\"type\":\"Property\"}") + "&extensions=" + encode("{}"))
			.header("Accept", "application/graphql-response+json, application/json")
			.send();

		assertThat(b.status()).as(b.toString()).isEqualTo(200);
		assertThat(b.contentType()).startsWith("application/graphql-response+json");
		assertThat(b.body().path("data").path("__type").path("name").asString()).as(b.toString()).isEqualTo("Property");
		assertThat(api.get("/graphql?query=" + encode("{ me { id } }")).send().body().path("errors").path(0)
			.path("extensions").path("classification").asString()).isEqualTo("UNAUTHORIZED");

		String both = "query Q { __typename } " + REFRESH.replace("mutation", "mutation M");
		assertThat(api.get("/graphql?query=" + encode(both) + "&operationName=Q").send().status()).isEqualTo(200);
		assertThat(api.get("/graphql?query=" + encode(both) + "&operationName=M").send().status()).isEqualTo(405);
		assertThat(api.get("/graphql?query=" + encode("subscription { __typename }")).send().status()).isEqualTo(405);

		assertThat(api.get("/graphql?query=" + encode("{ __typename }") + "&variables=null&extensions=null").send()
			.body().path("data").path("__typename").asString()).isEqualTo("Query");
		for (String refused : List.of("", "?query=", "?query=" + encode("{ __typename }") + "&variables=[7]",
				"?query=" + encode("{ __typename }") + "&variables=" + encode("1}, \"query\": \"" + REFRESH.replace("\"", "\\\"") + "\""),
				"?query=" + encode("{ __typename }") + "&query=" + encode("{ __typename }"),
				"?query=" + encode("{ __typename }") + "&operation_name=Q")) {
			Api.Response response = api.get("/graphql" + refused).send();
			assertThat(response.status()).as(refused + ": " + response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	/**
	 * Automatic persisted queries (Apollo's persisted-query link, urql's persistedExchange) first send only a hash of
	 * the document. We keep no documents by hash, and say so as those clients understand it: the message
	 * {@code PersistedQueryNotSupported}, on which they send the whole document from then on. The answer was graphql-java's
	 * "Invalid syntax with offending token 'PersistedQueryMarker'", on which they gave up and failed every query.
	 */
	@Test
	void aHashWithoutItsDocumentIsAnsweredPersistedQueryNotSupported() {
		Map<String, Object> hashOnly = Map.of("operationName", "Q", "variables", Map.of(), "extensions", Map.of(
				"persistedQuery", Map.of("version", 1, "sha256Hash", "ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38")));

		for (String accept : new String[] { "application/graphql-response+json", "application/json" }) {
			Api.Response response = api.post("/graphql", hashOnly).header("Accept", accept).send();

			JsonNode error = response.body().path("errors").path(0);
			assertThat(error.path("message").asString()).as(response.toString()).isEqualTo("PersistedQueryNotSupported");
			assertThat(error.path("extensions").path("code").asString()).isEqualTo("persisted_query_not_supported");
			assertThat(error.path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
			assertThat(response.body().has("data")).as(response.toString()).isFalse();
		}
		// as Apollo Client sends it with useGETForHashedQueries
		Api.Response get = api.get("/graphql?operationName=Q&variables=%7B%7D&extensions="
				+ encode("{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"ecf4edb4\"}}")).send();
		assertThat(get.body().path("errors").path(0).path("message").asString()).as(get.toString())
			.isEqualTo("PersistedQueryNotSupported");
		// the retry with the document runs, hash or not
		Map<String, Object> withDocument = new HashMap<>(hashOnly);
		withDocument.put("query", "query Q { __typename }");
		assertThat(graphQl(withDocument).body().path("data").path("__typename").asString()).isEqualTo("Query");
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private Api.Response graphQl(Map<String, Object> body) {
		return api.post("/graphql", body).header("Accept", "application/graphql-response+json").send();
	}
}
