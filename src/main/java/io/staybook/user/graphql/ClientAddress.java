package io.staybook.user.graphql;

import java.net.InetSocketAddress;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Puts the HTTP client's address into the GraphQL context as {@value #KEY}, for the mutations limited per address
 * ({@code register}); it is the address REST sees ({@code server.forward-headers-strategy} applies to both).
 */
@Component
class ClientAddress implements WebGraphQlInterceptor {

	static final String KEY = "clientAddress";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote != null) {
			String address = remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
			request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> context.put(KEY,
					address)).build());
		}
		return chain.next(request);
	}
}
