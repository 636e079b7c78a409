package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.graphql.autoconfigure.GraphQlCorsProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.util.CollectionUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-origin access (the Fetch standard's CORS protocol) for every path, answered by Spring's {@link CorsFilter}
 * ahead of every other filter: a preflight is answered before security could ask it for a token (a browser never sends
 * one on a preflight), and every response, errors included, carries {@code Access-Control-Allow-Origin}, so a browser
 * script can read a 401 or 413 problem too. A disallowed origin gets no CORS headers, and 403 on a preflight; two
 * {@code Origin} lines are a 400 {@code duplicate_header} (as {@link RepeatedHeaderFilter}'s).
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

	/**
	 * Any request header a preflight asks for, echoed back: browser apps add their own (OpenTelemetry's
	 * {@code traceparent}, Sentry's {@code sentry-trace} and {@code baggage}, {@code x-requested-with}), and a header
	 * list guards nothing here since no origin is ever allowed credentials.
	 */
	static final List<String> REQUEST_HEADERS = List.of(CorsConfiguration.ALL);

	/**
	 * What a client may read beyond the CORS-safelisted response headers. {@code Content-Disposition}: the name of a
	 * download (the payouts CSV), which a browser app fetches with its bearer token rather than following a link;
	 * {@code Allow}: the methods a 405 names; {@code WWW-Authenticate}: a 401's challenge, whose {@code error} tells a
	 * refused token ({@code invalid_token}) from none.
	 */
	static final List<String> EXPOSED_HEADERS = List.of("Location", "ETag", "Retry-After", "RateLimit-Limit",
			"RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy", "RateLimit", "X-Request-Id", "Idempotency-Replayed",
			"Content-Disposition", "Allow", "WWW-Authenticate");

	static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	@Bean
	FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties properties, ProblemResponses problems) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.allowedOrigins());
		cors.setAllowedMethods(METHODS);
		cors.setAllowedHeaders(REQUEST_HEADERS);
		cors.setExposedHeaders(EXPOSED_HEADERS);
		cors.setAllowCredentials(false);
		cors.setMaxAge(properties.maxAge());
		// one configuration for every path, so no path is decoded here: decoding by the request's charset would throw
		// on a broken one (Content-Type: application/json; charset), which ContentTypeFilter refuses with 415 later
		CorsFilter filter = new CorsFilter(request -> cors);
		filter.setCorsProcessor(new ProblemCorsProcessor(problems));
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
		// before the trailing-slash, size and security filters, whose refusals must carry CORS headers as well; after
		// only the request id filter (io.staybook.shared.observability), whose id the refusals carry too
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * The GraphQL WebSocket's handshake ({@code spring.graphql.websocket.path}) admits the same origins. Spring for
	 * GraphQL checks its {@code Origin} against {@code spring.graphql.cors}, and with none set refuses every other origin
	 * (403): a browser app on another origin could query {@code /graphql} but never subscribe. An explicit
	 * {@code spring.graphql.cors} is left as it is.
	 */
	@Bean
	static BeanPostProcessor graphQlWebSocketOrigins(ObjectProvider<CorsProperties> properties) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (bean instanceof GraphQlCorsProperties graphQl && CollectionUtils.isEmpty(graphQl.getAllowedOrigins())
						&& CollectionUtils.isEmpty(graphQl.getAllowedOriginPatterns())) {
					graphQl.setAllowedOrigins(properties.getObject().allowedOrigins());
				}
				return bean;
			}
		};
	}

	/** Spring's processor, whose refusal (403) is a problem detail instead of the text "Invalid CORS request". */
	private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

		private final ProblemResponses problems;

		ProblemCorsProcessor(ProblemResponses problems) {
			this.problems = problems;
		}

		@Override
		public boolean processRequest(CorsConfiguration config, HttpServletRequest request,
				HttpServletResponse response) throws IOException {
			// two Origin lines (RFC 9110 §5.3, RFC 6454 §7): the first was judged, where a proxy may have judged the last
			if (RepeatedHeaderFilter.refusedAsRepeated(HttpHeaders.ORIGIN, request, response, problems)) {
				return false;
			}
			// read here before Spring Security's firewall: a control character (C1, as the firewall refuses it; the
			// container refuses C0) made the Origin no URI, which Spring then took for no CORS request at all
			if (hasControl(request.getHeader(HttpHeaders.ORIGIN))) {
				problems.write(request, response, HttpStatus.BAD_REQUEST, RejectedRequests.CODE, RejectedRequests.DETAIL);
				return false;
			}
			boolean allowed = super.processRequest(config, request, response);
			if (!allowed) {
				problems.write(request, response, HttpStatus.FORBIDDEN, "cors_refused",
						"This origin or method is not allowed to call the API.");
			}
			return allowed;
		}

		private static boolean hasControl(String origin) {
			return origin != null && origin.chars().anyMatch(Character::isISOControl);
		}

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
			// processRequest answers
		}
	}
}
