package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertNoLeak;
import static org.assertj.core.api.Assertions.assertThat;

import graphql.introspection.IntrospectionQuery;
import io.staybook.test.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.test.context.TestPropertySource;

/**
 * Production may switch introspection and GraphiQL off by configuration. This is the only class with that
 * configuration, so the second application context it needs is started once.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.graphql.schema.introspection.enabled=false",
		"spring.graphql.graphiql.enabled=false" })
class GraphQlSwitchedOffIntegrationTests {

	@LocalServerPort
	int port;

	GraphQlTesters graphQl;

	@BeforeEach
	void setUp() {
		graphQl = new GraphQlTesters(port);
	}

	@Test
	void introspectionIsRefused() {
		for (String document : List.of("{ __schema { queryType { name } } }", "{ __type(name: \"Query\") { name } }",
				IntrospectionQuery.INTROSPECTION_QUERY)) {
			var response = graphQl.anonymous().document(document).execute();
			List<ResponseError> errors = new ArrayList<>();
			response.errors().satisfy(errors::addAll);
			assertThat(errors).as(document).isNotEmpty();
			assertThat(response.returnResponse().toMap()).as(document).doesNotContainKey("data");
			assertNoLeak(response.returnResponse());
		}
	}

	@Test
	void queriesStillRun() {
		graphQl.anonymous()
			.document("{ __typename properties(first: 1) { pageInfo { hasNextPage } } }")
			.execute()
			.path("__typename")
			.entity(String.class)
			.isEqualTo("Query")
			.path("properties.pageInfo.hasNextPage")
			.hasValue();
	}

	@Test
	void thereIsNoGraphiQl() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphiql")).GET().build(),
					HttpResponse.BodyHandlers.ofString());

		assertThat(page.statusCode()).as(page.body()).isEqualTo(404);
		assertNoLeak(page.body());
	}

	/** The WebJars are served only for GraphiQL's page (Spring Boot's own /webjars/** handler is off). */
	@Test
	void noneOfItsFiles() throws Exception {
		for (String path : List.of("/graphiql/graphiql-start.js", "/webjars/graphiql/graphiql.min.js",
				"/webjars/react/umd/react.production.min.js")) {
			HttpResponse<String> file = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
						HttpResponse.BodyHandlers.ofString());

			assertThat(file.statusCode()).as(path).isEqualTo(404);
			assertNoLeak(file.body());
		}
	}
}
