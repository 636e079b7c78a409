package io.staybook.shared.graphql;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.staybook.shared.Failures;
import io.staybook.shared.security.ActorAuthentication;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Who is on a GraphQL WebSocket ({@code spring.graphql.websocket.path}, protocol {@code graphql-transport-ws}): the
 * bearer access token of the {@code connection_init} payload ({@code {"Authorization": "Bearer <token>"}}; the keys
 * {@code authorization} and {@code token} are read too), else the one of the handshake's {@code Authorization}
 * header. The token is checked as on every HTTP request (signature, expiry, the account still there); an invalid one,
 * or an {@code Authorization} of another scheme, closes the connection with 4401 Unauthorized, as the protocol
 * says. Each operation on the socket (a query or mutation too, as graphql-ws clients send them there) then runs as
 * that caller exactly as over HTTP: the operation's Reactor context holds a security context of the caller's
 * {@link ActorAuthentication}, which Spring for GraphQL's context propagation hands to its data fetchers, so
 * {@code @AuthenticationPrincipal} resolves it in every controller (nothing for an anonymous socket). Only the
 * socket's operations needed this: Spring for GraphQL gives each the security context of the handshake, which knows
 * nothing of {@code connection_init}. The token is checked again for
 * each operation, as HTTP checks it on each request: one sent once it has expired or the account's tokens were
 * revoked is refused before it runs with an UNAUTHORIZED {@code error} message, neither run as the caller nor as
 * anonymous. A subscription lasts no longer than that sign-in ({@link #whileSignedIn}): it completes when the token
 * expires, and at the first event after the account's tokens are revoked (a password reset or change, a logout of
 * every session, a deletion), so a stolen token's socket does not outlive what it could do over HTTP. A client signs
 * in again by opening a new socket with a fresh token.
 */
@Component
public class WebSocketAuthentication implements WebSocketGraphQlInterceptor {

	/** The session attribute of the socket's verified access token ({@link Jwt}). */
	private static final String TOKEN = WebSocketAuthentication.class.getName() + ".token";

	/**
	 * The key under which Spring for GraphQL carries the security context from the Reactor context to each data
	 * fetcher's thread: that of the {@code ThreadLocalAccessor} of {@code SecurityContextHolder} (Spring Security's and
	 * Spring for GraphQL's both use it).
	 */
	private static final String SECURITY_CONTEXT = SecurityContext.class.getName();

	private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private final JwtDecoder decoder;

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> actors;

	private final Clock clock;

	WebSocketAuthentication(JwtDecoder decoder, Converter<Jwt, ? extends AbstractAuthenticationToken> actorConverter,
			Clock clock) {
		this.decoder = decoder;
		this.actors = actorConverter;
		this.clock = clock;
	}

	/**
	 * Checks the {@code connection_init} credential: an empty Mono to acknowledge (signed in, or anonymous without
	 * one), an error to close the socket with 4401. The answer is deferred, never a ready value or error: Spring for
	 * GraphQL runs it through {@code publishOn} to the socket's own thread, and Reactor (3.8) turns {@code publishOn}
	 * of a ready error ({@code Mono.error}, a {@code Callable}) into a task that cancels itself when it fails; when the
	 * task ran before the subscribing thread stored its future, that thread then disposed the future and interrupted
	 * the socket's thread while it wrote the 4401 close frame. Tomcat gave up the write and dropped the connection, so
	 * about one refused socket in twenty saw 1006 (abnormal closure), which graphql-ws clients retry, instead of 4401,
	 * which they do not.
	 */
	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
		return Mono.defer(() -> initialization(session, payload));
	}

	private Mono<Object> initialization(WebSocketSessionInfo session, Map<String, Object> payload) {
		String presented;
		try {
			presented = token(payload);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(ex);
		}
		String token = presented != null ? presented : bearer(session.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
		if (token == null) {
			return Mono.empty();
		}
		return Mono.fromCallable(() -> decoder.decode(token)).onErrorMap(JwtException.class, WebSocketAuthentication::invalid)
			.flatMap(jwt -> {
				authentication(jwt).orElseThrow(() -> invalid(null));
				session.getAttributes().put(TOKEN, jwt);
				return Mono.empty();
			});
	}

	/**
	 * Runs an operation of a signed-in socket with the caller's security context (its token checked again first; a
	 * token no longer good refuses the operation), one of an anonymous socket as it is, and one over HTTP untouched
	 * (the security filters set its context).
	 */
	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest socket
				&& socket.getSessionInfo().getAttributes().get(TOKEN) instanceof Jwt token)) {
			return chain.next(request);
		}
		return Mono.fromCallable(() -> authentication(token))
			.flatMap(signedIn -> signedIn.map(caller -> chain.next(request)
				.contextWrite(Context.of(SECURITY_CONTEXT, new SecurityContextImpl(caller))))
				.orElseGet(() -> Mono.just(signedOut(request))));
	}

	/**
	 * The answer to an operation sent once the socket's sign-in ended: a request error (no {@code data}), which
	 * {@link SocketRequestErrors} sends as the {@code error} message, with the classification and code of HTTP's
	 * refusal of that token.
	 */
	private static WebGraphQlResponse signedOut(WebGraphQlRequest request) {
		GraphQLError error = GraphQlErrors
			.of(Failures.of(new CredentialsExpiredException("the socket's access token expired or was revoked")));
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(),
				ExecutionResult.newExecutionResult().addError(error).build()));
	}

	/**
	 * {@code stream} for as long as the caller's sign-in holds: it completes when the token expires, or instead of the
	 * first item that arrives once the token no longer passes the checks of an HTTP request (the account's tokens
	 * revoked, the account deleted). The token is the one the current operation was authenticated with: the socket's
	 * over WebSocket, the request's bearer token over HTTP (a subscription as server-sent events), since such a stream
	 * outlives the request's own check as long as the socket's does. Without one (an anonymous caller) the stream is
	 * left as it is.
	 */
	public <T> Flux<T> whileSignedIn(Flux<T> stream) {
		Jwt current = tokenOf(SecurityContextHolder.getContext());
		return Flux.deferContextual(view -> {
			// a socket's operation may be invoked after its data fetcher returned, its security context then only in
			// the Reactor context its stream is subscribed with
			Jwt token = current != null ? current
					: view.getOrEmpty(SECURITY_CONTEXT).map(WebSocketAuthentication::tokenOf).orElse(null);
			if (token == null || token.getExpiresAt() == null) {
				return stream;
			}
			Duration left = Duration.between(clock.instant(), token.getExpiresAt());
			return stream.take(left.isNegative() ? Duration.ZERO : left).takeWhile(item -> signedIn(token));
		});
	}

	/** The bearer token {@code context} (a {@link SecurityContext}) was authenticated with, or null. */
	private static Jwt tokenOf(Object context) {
		return context instanceof SecurityContext security
				&& security.getAuthentication() instanceof ActorAuthentication actor ? actor.token() : null;
	}

	private boolean signedIn(Jwt token) {
		return authentication(token).isPresent();
	}

	/** The caller {@code token} signs in now, as an HTTP request's: none once expired, revoked or its account gone. */
	private Optional<ActorAuthentication> authentication(Jwt token) {
		if (token.getExpiresAt() != null && !token.getExpiresAt().isAfter(clock.instant())) {
			return Optional.empty();
		}
		try {
			if (actors.convert(token) instanceof ActorAuthentication actor) {
				return Optional.of(actor);
			}
		}
		catch (JwtException | org.springframework.security.core.AuthenticationException ex) {
			// revoked, or the account is gone: as an invalid token
		}
		return Optional.empty();
	}

	private static IllegalArgumentException invalid(Throwable cause) {
		return new IllegalArgumentException("invalid access token", cause);
	}

	/**
	 * The token the {@code connection_init} payload presents, or null for none. Its {@code Authorization} (or
	 * {@code authorization}) is read as the HTTP header is: only {@code Bearer <token>}; any other value (another scheme
	 * such as {@code Basic}, a bare token, a blank string, a number or an object) is refused as HTTP refuses it (401
	 * there, 4401 here) rather than taken for no credential, which let such a socket on as anonymous. A JSON
	 * {@code null} is no credential. {@code token} holds a bare token ({@code Bearer } before it is allowed).
	 *
	 * @throws IllegalArgumentException for an {@code Authorization} that is not a Bearer credential
	 */
	private static String token(Map<String, Object> payload) {
		if (payload == null) {
			return null;
		}
		for (String key : new String[] { "Authorization", "authorization" }) {
			Object value = payload.get(key);
			if (value == null) {
				continue;
			}
			if (!(value instanceof String credentials) || !credentials.regionMatches(true, 0, "Bearer ", 0, 7)) {
				throw invalid(null);
			}
			return wellFormed(credentials.substring(7).strip());
		}
		return payload.get("token") instanceof String value && !value.isBlank() ? wellFormed(bearer(value)) : null;
	}

	/**
	 * {@code token} if it has RFC 6750's {@code b64token} syntax (§2.1), as HTTP's bearer resolver requires: a NUL or
	 * another character outside it made the decoder fail with an error the socket answered 1011 (an internal error),
	 * not 4401, and a JWT decoder may skip such characters inside a part.
	 *
	 * @throws IllegalArgumentException otherwise
	 */
	private static String wellFormed(String token) {
		if (!B64TOKEN.matcher(token).matches()) {
			throw invalid(null);
		}
		return token;
	}

	/** The token of {@code Bearer <token>} (or a bare token); null for none. */
	private static String bearer(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.regionMatches(true, 0, "Bearer ", 0, 7) ? trimmed.substring(7).strip() : trimmed;
	}
}
