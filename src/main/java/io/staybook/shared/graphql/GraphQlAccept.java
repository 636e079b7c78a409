package io.staybook.shared.graphql;

import io.staybook.shared.web.Acceptable;
import io.staybook.shared.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Content negotiation of a GraphQL-over-HTTP request (GET or POST on the endpoint), by the {@code Accept} header's
 * qualities as the REST API reads them ({@link Acceptable}), before Spring for GraphQL's handler, which takes the first
 * listed type it supports, ignores {@code q}, and fell back to JSON: {@code application/json;q=0, *}{@code /*} was
 * answered as JSON, and {@code application/json;q=0, application/problem+json} too. Here the preferred of
 * {@code application/json} and {@code application/graphql-response+json} (the GraphQL over HTTP specification's
 * "Accept") becomes the request's only {@code Accept}, JSON between equals, as before; an {@code Accept} that takes
 * neither, or is malformed, is a 406 problem, for GET (where a malformed one was a 500) and POST alike. A POST that
 * names {@code text/event-stream} (a subscription over SSE) is left to Spring as it is.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlAccept {

	/** What a GraphQL response may be sent as, JSON first: {@code *}{@code /*} or no header gets JSON. */
	static final List<MediaType> RESPONSE_TYPES = List.of(MediaType.APPLICATION_JSON,
			MediaType.APPLICATION_GRAPHQL_RESPONSE);

	@Bean
	FilterRegistrationBean<Negotiation> graphQlAcceptFilter(GraphQlProperties properties, ProblemResponses problems) {
		FilterRegistrationBean<Negotiation> registration = new FilterRegistrationBean<>(
				new Negotiation(problems));
		registration.addUrlPatterns(properties.getHttp().getPath(), properties.getHttp().getPath() + "/");
		// after the shared request filters (io.staybook.shared.web.WebConfig), before security and MVC
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 7);
		return registration;
	}

	/** The filter: see {@link GraphQlAccept}. */
	static final class Negotiation extends OncePerRequestFilter {

		private final ProblemResponses problems;

		Negotiation(ProblemResponses problems) {
			this.problems = problems;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			String method = request.getMethod();
			return !(method.equals("GET") || method.equals("HEAD") || method.equals("POST"))
					|| request.getHeader(HttpHeaders.ACCEPT) == null;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Optional<MediaType> chosen;
			try {
				List<MediaType> ranges = Acceptable.ranges(request.getHeaders(HttpHeaders.ACCEPT));
				if (request.getMethod().equals("POST") && ranges.stream()
					.anyMatch(range -> range.equalsTypeAndSubtype(MediaType.TEXT_EVENT_STREAM)
							&& range.getQualityValue() > 0)) {
					chain.doFilter(request, response);
					return;
				}
				chosen = Acceptable.preferred(ranges, RESPONSE_TYPES);
			}
			catch (InvalidMediaTypeException ex) {
				chosen = Optional.empty();
			}
			if (chosen.isEmpty()) {
				problems.write(request, response, HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
						"GraphQL answers application/graphql-response+json or application/json.");
				return;
			}
			chain.doFilter(new Accepting(request, chosen.get().toString()), response);
		}
	}

	/** The request with {@code accept} as its only {@code Accept} header. */
	private static final class Accepting extends HttpServletRequestWrapper {

		private final String accept;

		Accepting(HttpServletRequest request, String accept) {
			super(request);
			this.accept = accept;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? accept : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(List.of(accept))
					: super.getHeaders(name);
		}
	}
}
