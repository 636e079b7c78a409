package io.staybook.shared.graphql;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.web.Problems;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /graphql?query=…&operationName=…&variables=…&extensions=…}: the GraphQL-over-HTTP specification's GET
 * request (https://graphql.github.io/graphql-over-http/draft/#sec-GET), which urql sends for every query whose URL
 * stays under 2,048 characters since {@code @urql/core} 6 (urql-graphql/urql#3789), and Apollo Client for hashed
 * queries with {@code useGETForHashedQueries}. The parameters become the body of a POST (variables and extensions read
 * as JSON objects, never pasted in) and go through the same handler, rules, limits and error translation. As the
 * specification requires, a mutation (or subscription) over GET is refused with 405 and {@code Allow: POST}: a GET
 * must change nothing. A parameter it does not define, or one given twice, is a 400, as every other query string of the
 * API; {@code null} for {@code variables} or {@code extensions} is the same as leaving it out, as in a POST's body. A
 * persisted-query hash without its document (Apollo's {@code useGETForHashedQueries}) is answered as in a POST
 * ({@link PersistedQueries}).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlGetRequests {

	/** The methods {@code /graphql} takes, for {@code Allow}. */
	static final String ALLOW = "GET, HEAD, POST, OPTIONS";

	static final Set<String> PARAMETERS = Set.of("query", "operationName", "variables", "extensions");

	/**
	 * Writes the POST's body with every character outside ASCII as a {@code \\u} escape: the body is handed on as a
	 * Java string, encoded to UTF-8 on the way, which turned an unpaired surrogate of the variables ({@code "\\ud800"})
	 * into a {@code ?}; escaped, it reaches the arguments as sent and is refused there, naming the argument
	 * ({@link StrictArguments}).
	 */
	private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphQlGet(GraphQlProperties properties, GraphQlHttpHandler handler) {
		String path = properties.getHttp().getPath();
		// HEAD is GET without the body (RFC 9110 §9.3.2; the container drops the body); OPTIONS and any other method
		// but POST (Spring's own route) are answered here, with Allow, since a router function that does not match is a
		// 404 and not a 405 (RFC 9110 §15.5.6)
		return RouterFunctions.route()
			.GET(path, request -> get(request, handler))
			.HEAD(path, request -> get(request, handler))
			.OPTIONS(path, request -> ServerResponse.ok().header(HttpHeaders.ALLOW, ALLOW).build())
			.route(RequestPredicates.path(path).and(RequestPredicates.method(HttpMethod.POST).negate()),
					request -> ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
						.header(HttpHeaders.ALLOW, ALLOW)
						.contentType(MediaType.APPLICATION_PROBLEM_JSON)
						.body(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
								"Method '" + request.method().name() + "' is not supported.", request.path())))
			.build();
	}

	private static ServerResponse get(ServerRequest request, GraphQlHttpHandler handler) throws Exception {
		// an Accept that takes no GraphQL answer was refused already (GraphQlAccept)
		MultiValueMap<String, String> params = request.params();
		for (Map.Entry<String, List<String>> param : params.entrySet()) {
			if (!PARAMETERS.contains(param.getKey())) {
				return invalid(request, param.getKey(), "is not a parameter of a GraphQL GET request");
			}
			if (param.getValue().size() > 1) {
				return invalid(request, param.getKey(), "is given more than once");
			}
		}
		String query = params.getFirst("query");
		ObjectNode body = JSON.createObjectNode();
		if (query != null && !query.isBlank()) {
			body.put("query", query);
		}
		String operationName = params.getFirst("operationName");
		if (operationName != null && operationName.isEmpty()) {
			operationName = null;
		}
		if (operationName != null) {
			body.put("operationName", operationName);
		}
		for (String member : List.of("variables", "extensions")) {
			String text = params.getFirst(member);
			if (text != null && !text.isEmpty() && !text.equals("null")) {
				Optional<JsonNode> object = jsonObject(text);
				if (object.isEmpty()) {
					return invalid(request, member, "must be a JSON object");
				}
				body.set(member, object.get());
			}
		}
		if (!body.has("query")) {
			// a persisted-query hash alone goes on, to be answered as a POST of it is (PersistedQueries)
			if (!body.path("extensions").has("persistedQuery")) {
				return invalid(request, "query", "is required");
			}
		}
		else if (!readsOnly(query, operationName)) {
			return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
				.header(HttpHeaders.ALLOW, HttpMethod.POST.name())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
						"Only a query may be sent with GET; send a mutation or subscription with POST.", request.path()));
		}
		ServerRequest post = ServerRequest.from(request)
			.method(HttpMethod.POST)
			.headers(headers -> headers.setContentType(MediaType.APPLICATION_JSON))
			.body(JSON.writeValueAsString(body))
			.build();
		return handler.handleRequest(post);
	}

	/**
	 * False when the operation to run is a mutation or subscription. A document that does not parse, or names no
	 * operation it has, counts as reading only: it runs nothing, and the handler answers its errors as for a POST.
	 * A document without the word {@code mutation} or {@code subscription} anywhere has neither (keywords are never
	 * escaped), so the usual query is not parsed here; the handler's parse of it is cached ({@link DocumentCache}),
	 * and a second one on every GET would undo that.
	 */
	private static boolean readsOnly(String query, String operationName) {
		if (!query.contains("mutation") && !query.contains("subscription")) {
			return true;
		}
		Document document;
		try {
			document = Parser.parse(query);
		}
		catch (InvalidSyntaxException ex) {
			return true;
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		return operations.stream()
			.filter(operation -> operationName == null ? operations.size() == 1
					: operationName.equals(operation.getName()))
			.allMatch(operation -> operation.getOperation() == OperationDefinition.Operation.QUERY);
	}

	private static Optional<JsonNode> jsonObject(String text) {
		try {
			JsonNode node = JSON.readTree(text);
			return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	private static ServerResponse invalid(ServerRequest request, String field, String message) {
		return ServerResponse.badRequest()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.validation(List.of(new FieldError(field, message)), request.path()));
	}
}
