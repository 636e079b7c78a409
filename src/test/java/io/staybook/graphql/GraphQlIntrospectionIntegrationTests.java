package io.staybook.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.introspection.IntrospectionQuery;
import graphql.introspection.IntrospectionQueryBuilder;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The standard introspection query, as GraphiQL's docs pane, graphql-codegen, Postman and graphql-inspector send it
 * (13 levels deep by its TypeRef fragment), runs: introspection is outside the depth and complexity budgets, which
 * still hold for the normal fields of the same operation.
 */
@IntegrationTest
class GraphQlIntrospectionIntegrationTests {

	/** 1 + 100 x (edges 1 + node (1 + title 1 + reviews (1 + 100 x (edges 1 + node (1 + rating 1 + author 2))))). */
	static final String TOO_COSTLY = """
			properties(first: 100) { edges { node { title reviews(first: 100) {
			    edges { node { rating author { firstName } } } } } } }""";

	@Autowired
	Api api;

	@Test
	void theStandardIntrospectionQueryRuns() {
		assertDescribesTheSchema(introspect(IntrospectionQuery.INTROSPECTION_QUERY));
	}

	/** With every option graphql-java knows (graphql-codegen and GraphiQL 3 ask for descriptions and deprecations). */
	@Test
	void theIntrospectionQueryWithEveryOptionRuns() {
		String query = IntrospectionQueryBuilder.build(IntrospectionQueryBuilder.Options.defaultOptions()
			.descriptions(true)
			.specifiedByUrl(true)
			.isOneOf(true)
			.directiveIsRepeatable(true)
			.schemaDescription(true)
			.inputValueDeprecation(true));

		assertDescribesTheSchema(introspect(query));
	}

	@Test
	void introspectionBesideATooCostlyQueryAddsNothingToItsCost() {
		String document = "{ " + TOO_COSTLY + " __schema { types { name fields { name type { name ofType { name } } } } }"
				+ " __type(name: \"Property\") { fields { name } } }";

		Api.Response response = api.post("/graphql", Map.of("query", document)).send();

		JsonNode errors = response.body().path("errors");
		assertThat(errors.size()).as(response.toString()).isEqualTo(1);
		assertThat(errors.get(0).path("extensions").path("code").asString()).isEqualTo("query_too_complex");
		assertThat(errors.get(0).path("message").asString()).as("the same cost as without introspection")
			.contains("50401");
		assertThat(response.body().has("data")).isFalse();
	}

	/**
	 * graphql-java's good-faith check refuses introspection that repeats itself or asks for more than 500 fields, and
	 * classified the refusal {@code BadFaithIntrospection}, which is none of the contract's classifications.
	 */
	@Test
	void abusiveIntrospectionIsABadRequest() {
		StringBuilder aliases = new StringBuilder("{");
		// 130 x 4 fields: past the check's 500
		for (int i = 0; i < 130; i++) {
			aliases.append(" s").append(i).append(": __schema { types { name fields { name } } }");
		}
		for (String document : List.of(aliases.append(" }").toString(),
				"{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }")) {
			Api.Response response = api.post("/graphql", Map.of("query", document))
				.header("Accept", "application/graphql-response+json")
				.send();

			JsonNode error = response.body().path("errors").path(0);
			assertThat(error.path("extensions").path("classification").asString()).as(response.toString())
				.isEqualTo("BAD_REQUEST");
			assertThat(error.path("extensions").path("code").asString()).isEqualTo("invalid_query");
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.body().has("data")).isFalse();
		}
	}

	private Api.Response introspect(String query) {
		return api.post("/graphql", Map.of("query", query, "operationName", "IntrospectionQuery"))
			.header("Accept", "application/graphql-response+json")
			.send();
	}

	private static void assertDescribesTheSchema(Api.Response response) {
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.body().has("errors")).as(response.text()).isFalse();
		JsonNode schema = response.body().path("data").path("__schema");
		assertThat(schema.path("queryType").path("name").asString()).isEqualTo("Query");
		List<String> types = new ArrayList<>();
		schema.path("types").forEach(type -> types.add(type.path("name").asString()));
		assertThat(types).contains("Property", "Booking", "PropertyConnection", "__Type");
	}
}
