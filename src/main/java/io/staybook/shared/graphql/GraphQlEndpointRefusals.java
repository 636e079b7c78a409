package io.staybook.shared.graphql;

import io.staybook.shared.web.Problems;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.webmvc.GraphQlRequestPredicates;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The refusals of the GraphQL endpoint as problem details, like every other refusal of the service: Spring for
 * GraphQL's own routes answer a POST they cannot read with an empty body. Ordered before those routes, these take only
 * what they would refuse; a GraphQL-over-HTTP or SSE POST goes on to Spring's handlers (a GET: {@link GraphQlGetRequests}).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlEndpointRefusals {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphQlRefusals(GraphQlProperties properties) {
		String path = properties.getHttp().getPath();
		return RouterFunctions.route()
			.POST(path,
					GraphQlRequestPredicates.graphQlHttp(path).negate().and(GraphQlRequestPredicates.graphQlSse(path).negate()),
					GraphQlEndpointRefusals::unreadable)
			.build();
	}

	/** A body that is not JSON is 415; a JSON body with an {@code Accept} no GraphQL response fits is 406. */
	private static ServerResponse unreadable(ServerRequest request) {
		boolean json = request.headers()
			.contentType()
			.map(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON))
			.orElse(false);
		HttpStatus status = json ? HttpStatus.NOT_ACCEPTABLE : HttpStatus.UNSUPPORTED_MEDIA_TYPE;
		String detail = json ? "GraphQL answers application/graphql-response+json or application/json."
				: "GraphQL requests are application/json.";
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(status, json ? "not_acceptable" : "unsupported_media_type", detail,
					request.path()));
	}
}
