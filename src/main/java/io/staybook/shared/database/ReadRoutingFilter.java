package io.staybook.shared.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds a fresh {@link ReadRouting.Request} to each HTTP request for as long as it runs, so that its reads may go to
 * the replica until it writes. Async and error dispatches get none: what they read comes from the primary.
 */
class ReadRoutingFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			ReadRouting.inRequest(new ReadRouting.Request(), () -> chain.doFilter(request, response));
		}
		catch (ServletException | IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ServletException(ex);
		}
	}
}
