package io.staybook.shared.security;

import io.staybook.shared.web.ProblemResponses;
import io.staybook.shared.web.Problems;
import io.staybook.shared.web.UnroutedRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless bearer-token security. Anonymous callers reach only what the contract lets them; every other API path needs
 * a valid access token. Which record a caller may touch is decided by the services, not here.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	static final int ARGON2_MEMORY_KIB = 19 * 1024;

	static final int ARGON2_ITERATIONS = 2;

	private static final DefaultBearerTokenResolver BEARER_TOKENS = new DefaultBearerTokenResolver();

	/**
	 * The error of an {@code Authorization} header of a scheme other than Bearer; its challenge carries no error code
	 * (RFC 6750 §3.1: a request made "using an unsupported authentication method" gets none).
	 */
	private static final String UNSUPPORTED_SCHEME = "unsupported_scheme";

	/** What anyone may read without a token. */
	private static final String[] PUBLIC_READS = { "/api/v1/users/*", "/api/v1/properties", "/api/v1/properties/**",
			"/api/v1/reviews", "/api/v1/reviews/*" };

	/**
	 * The public reads that show the same to every caller, token or not (listings, their availability, reviews), so
	 * that they never look the caller's account up: a bearer token there is verified (signature, expiry, issuer: a
	 * forged or expired one is still a 401, as on any path) but its account is not read, so a revoked token gets the
	 * same 200 an anonymous caller gets, which shows nothing private (issue 12: the lookup cost every such read a
	 * query, at most one a second per account). {@code /api/v1/users/*} is not among them: a profile shows more to its
	 * owner and to admins; nor is {@code /graphql}, whose one endpoint serves private fields too. Named path by path,
	 * not {@code /properties/**}: a read under a listing that only its owner may make (the contract's iCal export URL
	 * and imports) must keep the lookup.
	 */
	static final String[] IDENTITY_FREE_READS = { "/api/v1/properties", "/api/v1/properties/*",
			"/api/v1/properties/*/availability",
			// not /reviews (v1.1): an unpublished review is shown to its author alone, ?guest_id= to signed-in users
			// pricing (README, "Pricing rules and quotes"): the same calendar and quote for everyone
			"/api/v1/properties/*/calendar", "/api/v1/properties/*/quote" };

	/**
	 * The job dashboard's data API (db-scheduler-ui, page at {@code /db-scheduler}, wired by
	 * {@code shared.jobs.JobDashboardConfig}, read-only). Admins only, by the same bearer token
	 * as the rest of the API: a second way in (HTTP Basic, a session cookie) would be a second credential to guard, and a
	 * cookie would bring CSRF back. The page itself holds no data, so it is public; a browser reaches the data through a
	 * proxy or an extension that adds the admin's {@code Authorization} header (README, "Job dashboard").
	 */
	private static final String DASHBOARD_DATA = "/db-scheduler-api/**";

	/**
	 * The health endpoint and its groups (liveness, readiness): anyone may ask and gets only a status; components and
	 * details are for admins ({@code management.endpoint.health.show-details: when-authorized}).
	 */
	private static final String[] HEALTH_PROBES = { "/actuator/health", "/actuator/health/**" };

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http,
			Converter<Jwt, ? extends AbstractAuthenticationToken> actorConverter, JwtDecoder jwtDecoder,
			ProblemResponses problems, UnroutedRequests unrouted, ManagementPort managementPort) throws Exception {
		// a path or method no endpoint has is 404 or 405 for every caller; only a real endpoint asks for a token
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
			if (!unrouted.answer(request, response)) {
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE, Problems.challenge(
						ex instanceof OAuth2AuthenticationException refused
								&& !UNSUPPORTED_SCHEME.equals(refused.getError().getErrorCode())
										? refused.getError().getErrorCode() : null));
				problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized",
						"A valid access token is required.");
			}
		};
		AccessDeniedHandler forbidden = (request, response, ex) -> problems.write(request, response,
				HttpStatus.FORBIDDEN, "forbidden", "You may not do this.");
		http.csrf(csrf -> csrf.disable())
			// answered by CorsConfig's filter ahead of this chain, so that its refusals carry CORS headers too
			.cors(cors -> cors.disable())
			.httpBasic(basic -> basic.disable())
			.formLogin(form -> form.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(auth -> auth
				// a separate management port (management.server.port) is bound to an internal interface
				// (management.server.address) and serves only the management endpoints: Prometheus scrapes it without a
				// token (issue 11, item 9). With none, nothing matches here and the rules below hold
				.requestMatchers(managementPort)
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/api/v1/users", "/api/v1/auth/token", "/api/v1/auth/refresh",
						"/api/v1/auth/logout", "/api/v1/payments/webhooks/*", "/api/v1/auth/verify-email",
						"/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/api/v1/users/me")
				.authenticated()
				.requestMatchers(HttpMethod.HEAD, "/api/v1/users/me")
				.authenticated()
				.requestMatchers(HttpMethod.GET, PUBLIC_READS)
				.permitAll()
				// HEAD is GET without the body (RFC 9110 §9.3.2): whoever may GET may HEAD
				.requestMatchers(HttpMethod.HEAD, PUBLIC_READS)
				.permitAll()
				// Spring MVC answers OPTIONS with Allow and no data, the same for every caller (a CORS preflight is
				// answered earlier, by CorsConfig)
				.requestMatchers(HttpMethod.OPTIONS, "/api/**")
				.permitAll()
				.requestMatchers("/api/**")
				.authenticated()
				// the job dashboard (db-scheduler-ui): its page and scripts at /db-scheduler hold no data and stay public;
				// its data at /db-scheduler-api is for admins' bearer tokens only
				.requestMatchers(DASHBOARD_DATA)
				.hasRole(Role.ADMIN.name())
				// probes are for load balancers and orchestrators, which hold no token; every other management endpoint
				// (metrics: internals of the node) is for admins (issue 11, item 9)
				.requestMatchers(HttpMethod.GET, HEALTH_PROBES)
				.permitAll()
				.requestMatchers(HttpMethod.HEAD, HEALTH_PROBES)
				.permitAll()
				.requestMatchers("/actuator/**")
				.hasRole("ADMIN")
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer(resource -> resource
				.bearerTokenResolver(SecurityConfig::oneBearerToken)
				.authenticationManagerResolver(bearerTokens(jwtDecoder, actorConverter))
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden));
		return http.build();
	}

	/**
	 * Which authentication a bearer token gets: on {@link #IDENTITY_FREE_READS} (GET and HEAD) a {@link VerifiedToken},
	 * without the account lookup; everywhere else the {@link Actor} of {@code actorConverter}, which reads the account
	 * (its role, and whether the token was revoked). Both verify the token with the same decoder.
	 */
	private static AuthenticationManagerResolver<HttpServletRequest> bearerTokens(JwtDecoder decoder,
			Converter<Jwt, ? extends AbstractAuthenticationToken> actorConverter) {
		JwtAuthenticationProvider withAccount = new JwtAuthenticationProvider(decoder);
		withAccount.setJwtAuthenticationConverter(actorConverter);
		JwtAuthenticationProvider withoutAccount = new JwtAuthenticationProvider(decoder);
		withoutAccount.setJwtAuthenticationConverter(VerifiedToken::of);
		AuthenticationManager actors = new ProviderManager(withAccount);
		AuthenticationManager tokensOnly = new ProviderManager(withoutAccount);
		List<RequestMatcher> reads = new ArrayList<>();
		for (String path : IDENTITY_FREE_READS) {
			reads.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, path));
			reads.add(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, path));
		}
		RequestMatcher identityFree = new OrRequestMatcher(reads);
		return request -> identityFree.matches(request) ? tokensOnly : actors;
	}

	/**
	 * The bearer token of the one {@code Authorization} header, as Spring's resolver reads it. Two such headers are
	 * refused (401, as a malformed token): the field holds one credential (RFC 9110 §11.6.2), and the resolver took the
	 * first where a proxy in front may have judged the request by the last, so two callers' tokens could be mixed.
	 * A header of another scheme ({@code Basic}, {@code Token}, or no scheme at all) is refused too, on every path,
	 * public reads and {@code /graphql} included (401 with the Bearer challenge): it is a credential the service cannot
	 * accept (the contract's 401 "no or invalid credentials", RFC 9110 §11.6.2), and answering it as anonymous told a
	 * client that sent the wrong one nothing, where an invalid Bearer token was already a 401.
	 */
	private static String oneBearerToken(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (values != null && values.hasMoreElements()) {
			String credentials = values.nextElement();
			if (values.hasMoreElements()) {
				throw new OAuth2AuthenticationException(
						BearerTokenErrors.invalidRequest("The request has more than one Authorization header."));
			}
			if (!credentials.regionMatches(true, 0, "Bearer", 0, "Bearer".length())) {
				throw new OAuth2AuthenticationException(new OAuth2Error(UNSUPPORTED_SCHEME,
						"Only the Bearer scheme is accepted.", null));
			}
		}
		return BEARER_TOKENS.resolve(request);
	}

	/**
	 * No Spring Security observations: a span and a timer around each of the chain's filters, and around
	 * authentication and authorization, cost 8 to 9 % of every request's CPU (issue 12's profile) and told nothing the
	 * HTTP server observation ({@code http.server.requests}, its metrics and its trace span, which stays) does not.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Argon2id for new hashes, with the OWASP Password Storage Cheat Sheet's minimum for Argon2id (m = 19 MiB =
	 * {@value #ARGON2_MEMORY_KIB} KiB, t = {@value #ARGON2_ITERATIONS} iterations, p = 1; 16-byte salt, 32-byte hash):
	 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id. A stored hash names its
	 * own parameters ({@code $argon2id$v=19$m=16384,t=2,p=1$...}), so hashes made with older, weaker ones still verify,
	 * and {@link PasswordEncoder#upgradeEncoding} tells the login to replace them; bcrypt hashes (from imports) verify too.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		var encoders = new java.util.HashMap<String, PasswordEncoder>();
		encoders.put("argon2", new Argon2PasswordEncoder(16, 32, 1, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS));
		encoders.put("bcrypt", new BCryptPasswordEncoder());
		return new DelegatingPasswordEncoder("argon2", encoders);
	}
}
