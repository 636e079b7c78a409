package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-origin access (the Fetch standard's CORS protocol) for every path, answered by Spring's {@link CorsFilter}
 * ahead of every other filter: a preflight is answered before security could ask it for a token (a browser never sends
 * one on a preflight), and every response, errors included, carries {@code Access-Control-Allow-Origin}, so a browser
 * script can read a 401 or 413 problem too. A disallowed origin gets no CORS headers, and 403 on a preflight.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

	/** What a client sends beyond the CORS-safelisted headers. */
	static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Idempotency-Key",
			"If-None-Match", "X-Request-Id");

	/** What a client may read beyond the CORS-safelisted response headers. */
	static final List<String> EXPOSED_HEADERS = List.of("Location", "ETag", "Retry-After", "RateLimit-Limit",
			"RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy", "X-Request-Id", "Idempotency-Replayed");

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
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		CorsFilter filter = new CorsFilter(source);
		filter.setCorsProcessor(new ProblemCorsProcessor(problems));
		FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
		// before the trailing-slash, size and security filters, whose refusals must carry CORS headers as well
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
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
			boolean allowed = super.processRequest(config, request, response);
			if (!allowed) {
				problems.write(request, response, HttpStatus.FORBIDDEN, "cors_refused",
						"This origin, method or header is not allowed to call the API.");
			}
			return allowed;
		}

		@Override
		protected void rejectRequest(ServerHttpResponse response) {
			// processRequest answers
		}
	}
}
