package io.staybook.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 ({@code invalid_query}) a query string Tomcat cannot decode: a broken percent-escape
 * ({@code ?city=%}, {@code ?cursor=%%%}) or escapes that are not UTF-8 ({@code ?q=%ff}, {@code ?q=%c3%28}). Tomcat
 * parses parameters on first use and throws {@link InvalidParameterException} there, which could be in any filter, in
 * Spring MVC's binding or in GraphQL's request handling; parsing them here, once, before all of those, makes the
 * refusal the same wherever the parameters would have been read first.
 */
class QueryStringFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	QueryStringFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getQueryString() != null) {
			try {
				request.getParameterMap();
			}
			catch (InvalidParameterException ex) {
				problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid_query",
						"The query string is not valid: every % must start an escape (%XX) of UTF-8 bytes.");
				return;
			}
		}
		chain.doFilter(request, response);
	}
}
