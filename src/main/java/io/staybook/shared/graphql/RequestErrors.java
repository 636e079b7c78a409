package io.staybook.shared.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A document that does not parse or does not fit the schema is refused by graphql-java before any controller runs,
 * classified {@code InvalidSyntax} or {@code ValidationError}, or an introspection query its good-faith check refuses
 * ({@code BadFaithIntrospection}). Clients are promised the contract's classifications,
 * so these become BAD_REQUEST with the code {@code invalid_query}, keeping graphql-java's message (less the class
 * names it carries: {@link RequestErrorMessages}) and locations.
 */
@Component
class RequestErrors implements WebGraphQlInterceptor {

	/**
	 * graphql-java's classification of an introspection query refused by its good-faith check (over 500 fields, or
	 * {@code __Type.fields} under itself): a client's oversized request like any other, not a classification of the
	 * contract's.
	 */
	static final String BAD_FAITH_INTROSPECTION = "BadFaithIntrospection";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(response -> {
			if (response.getErrors().stream().noneMatch(RequestErrors::isRequestError)) {
				return response;
			}
			List<GraphQLError> errors = response.getErrors().stream().map(RequestErrors::reclassify).toList();
			return response.transform(builder -> builder.errors(errors));
		});
	}

	private static boolean isRequestError(ResponseError error) {
		return error.getErrorType() == ErrorType.InvalidSyntax || error.getErrorType() == ErrorType.ValidationError
				|| BAD_FAITH_INTROSPECTION.equals(String.valueOf(error.getErrorType()));
	}

	private static GraphQLError reclassify(ResponseError error) {
		Map<String, Object> extensions = new LinkedHashMap<>(error.getExtensions());
		if (isRequestError(error)) {
			extensions.put("code", "invalid_query");
		}
		GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
			.message(isRequestError(error) ? RequestErrorMessages.withoutClassNames(error.getMessage())
					: error.getMessage())
			.locations(error.getLocations())
			.errorType(isRequestError(error) ? ErrorClassification.BAD_REQUEST : error.getErrorType())
			.extensions(extensions);
		if (!error.getParsedPath().isEmpty()) {
			builder.path(error.getParsedPath());
		}
		return builder.build();
	}
}
