package io.staybook.graphql;

import io.staybook.test.Accounts.TestUser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.graphql.GraphQlRequest;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.client.GraphQlTransport;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link GraphQlTester}s that talk to the running service over real HTTP, one per kind of caller: anonymous, or with a
 * user's bearer token, the same one REST takes. spring-graphql-test only builds its HTTP tester on WebTestClient, which
 * needs WebFlux; this is the same tester on a {@link RestClient} transport instead.
 */
final class GraphQlTesters {

	/** The media type of the GraphQL over HTTP specification, which a modern client asks for. */
	static final MediaType GRAPHQL_RESPONSE = MediaType.parseMediaType("application/graphql-response+json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String url;

	GraphQlTesters(int port) {
		this.url = "http://localhost:" + port + "/graphql";
	}

	GraphQlTester anonymous() {
		return with(Map.of());
	}

	GraphQlTester as(TestUser user) {
		return as(user.accessToken());
	}

	GraphQlTester as(String accessToken) {
		return with(Map.of("Authorization", "Bearer " + accessToken));
	}

	/** A tester that sends these headers with every request. */
	GraphQlTester with(Map<String, String> headers) {
		RestClient.Builder client = RestClient.builder().baseUrl(url);
		headers.forEach(client::defaultHeader);
		return GraphQlTester.builder(new Transport(client.build())).build();
	}

	/** The raw HTTP exchange of one document, for tests about the transport itself (statuses, media types). */
	Exchange post(String document, Map<String, String> headers) {
		RestClient.Builder builder = RestClient.builder().baseUrl(url);
		headers.forEach(builder::defaultHeader);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", document);
		return builder.build()
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.accept(GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON)
			.body(JSON.writeValueAsString(body))
			.exchange((request, response) -> new Exchange(response.getStatusCode().value(),
					response.getHeaders().getFirst("Content-Type"),
					StreamUtils.copyToString(response.getBody(), java.nio.charset.StandardCharsets.UTF_8)));
	}

	record Exchange(int status, String contentType, String body) {

		Map<String, Object> json() {
			return JSON.readValue(body, new TypeReference<Map<String, Object>>() {
			});
		}

		@Override
		public String toString() {
			return status + " " + contentType + " " + body;
		}
	}

	/**
	 * POSTs each request as JSON and reads the answer whatever its status: under {@code graphql-response+json} a
	 * request error comes with a 4xx and is still a GraphQL response. Anything that is not one fails the test.
	 */
	private record Transport(RestClient client) implements GraphQlTransport {

		@Override
		public Mono<GraphQlResponse> execute(GraphQlRequest request) {
			return Mono.fromCallable(() -> client.post()
				.contentType(MediaType.APPLICATION_JSON)
				.accept(GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON)
				.body(JSON.writeValueAsString(request.toMap()))
				.exchange((req, response) -> {
					String text = StreamUtils.copyToString(response.getBody(), java.nio.charset.StandardCharsets.UTF_8);
					String type = response.getHeaders().getFirst("Content-Type");
					if (type == null || !(MediaType.parseMediaType(type).isCompatibleWith(GRAPHQL_RESPONSE)
							|| MediaType.parseMediaType(type).isCompatibleWith(MediaType.APPLICATION_JSON))) {
						throw new AssertionError("Not a GraphQL response: " + response.getStatusCode() + " " + type
								+ " " + text);
					}
					Map<String, Object> map = JSON.readValue(text, new TypeReference<Map<String, Object>>() {
					});
					return GraphQlTransport.createResponse(map);
				}));
		}

		@Override
		public Flux<GraphQlResponse> executeSubscription(GraphQlRequest request) {
			return Flux.error(new UnsupportedOperationException("no subscriptions over HTTP"));
		}
	}
}
