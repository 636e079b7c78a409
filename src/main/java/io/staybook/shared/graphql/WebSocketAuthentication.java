package io.staybook.shared.graphql;

import io.staybook.shared.security.Actor;
import io.staybook.shared.security.ActorAuthentication;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who is on a GraphQL WebSocket ({@code spring.graphql.websocket.path}, protocol {@code graphql-transport-ws}): the
 * bearer access token of the {@code connection_init} payload ({@code {"Authorization": "Bearer <token>"}}; the keys
 * {@code authorization} and {@code token} are read too), else the one of the handshake's {@code Authorization}
 * header. The token is checked as on every HTTP request (signature, expiry, the account still there); an invalid one
 * closes the connection with 4401 Unauthorized, as the protocol says. Each operation on the socket then finds the
 * caller under {@link #ACTOR} in its GraphQL context (none for an anonymous socket). A token expiring while the socket
 * is open does not end its subscriptions: they were authorised when they started.
 */
@Component
public class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

	/** The GraphQL context key of the socket's {@link Actor}. */
	public static final String ACTOR = "io.staybook.shared.graphql.WebSocketAuthentication.actor";

	private final JwtDecoder decoder;

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> actors;

	WebSocketAuthentication(JwtDecoder decoder, Converter<Jwt, ? extends AbstractAuthenticationToken> actorConverter) {
		this.decoder = decoder;
		this.actors = actorConverter;
	}

	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
		String token = token(payload);
		if (token != null) {
			return Mono.fromCallable(() -> actor(token)).flatMap(actor -> {
				session.getAttributes().put(ACTOR, actor);
				return Mono.empty();
			});
		}
		return session.getPrincipal().flatMap(principal -> {
			if (principal instanceof ActorAuthentication authenticated) {
				session.getAttributes().put(ACTOR, authenticated.getPrincipal());
			}
			return Mono.<Object>empty();
		});
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (request instanceof WebSocketGraphQlRequest socket
				&& socket.getSessionInfo().getAttributes().get(ACTOR) instanceof Actor actor) {
			request.configureExecutionInput(
					(input, builder) -> builder.graphQLContext(context -> context.put(ACTOR, actor)).build());
		}
		return chain.next(request);
	}

	private Actor actor(String token) {
		try {
			AbstractAuthenticationToken authentication = actors.convert(decoder.decode(token));
			if (authentication instanceof ActorAuthentication actor) {
				return actor.getPrincipal();
			}
		}
		catch (JwtException | org.springframework.security.core.AuthenticationException ex) {
			// as below: an invalid token
		}
		throw new IllegalArgumentException("invalid access token");
	}

	private static String token(Map<String, Object> payload) {
		if (payload == null) {
			return null;
		}
		for (String key : new String[] { "Authorization", "authorization", "token" }) {
			if (payload.get(key) instanceof String value && !value.isBlank()) {
				String trimmed = value.strip();
				return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).strip() : trimmed;
			}
		}
		return null;
	}
}
