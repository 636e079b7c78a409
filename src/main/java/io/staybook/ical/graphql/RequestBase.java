package io.staybook.ical.graphql;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Puts the scheme, host and port the client called into the GraphQL context as {@value #KEY}, for the export URL when
 * {@code staybook.ical.public-base-url} is not set (the request's URL, as the forwarded headers made it).
 */
@Component
class RequestBase implements WebGraphQlInterceptor {

	static final String KEY = "icalRequestBase";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String base = UriComponentsBuilder.fromUri(request.getUri().toUri()).replacePath(null).replaceQuery(null)
			.fragment(null).toUriString();
		request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> context.put(KEY, base))
			.build());
		return chain.next(request);
	}
}
