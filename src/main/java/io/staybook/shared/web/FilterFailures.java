package io.staybook.shared.web;

import io.staybook.shared.Failures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers an exception that a servlet filter after this one threw (Spring Security's chain and the filters behind it)
 * with the problem {@link Failures} translates it to, as a controller's exception is answered: the account lookup of a
 * bearer token that cannot reach PostgreSQL is a 503 {@code service_unavailable} with {@code Retry-After}, logged once
 * at WARN on the request's own line (with its request id).
 * <p>
 * Without it the exception went to the servlet container, which logged it at ERROR with a stack trace and no request
 * id, for every authenticated request while the database was away, before {@link ProblemErrorController} answered the
 * same problem. Exceptions Spring MVC has already handled never get here; one thrown after the response was committed
 * is left to the container, as nothing can be answered any more.
 */
class FilterFailures extends OncePerRequestFilter {

	private final ProblemResponses problems;

	FilterFailures(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			response.resetBuffer();
			problems.write(response, Problems.failed(request, ex, request.getRequestURI()));
		}
	}
}
