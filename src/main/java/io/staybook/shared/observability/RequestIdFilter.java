package io.staybook.shared.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id ({@link RequestIds}): the client's {@code X-Request-Id} if valid and sent once, else a new
 * UUID. The id is set as the response's {@code X-Request-Id} before anything else runs, so every response carries it,
 * problem responses and the container's error pages included, and is in the MDC for every log line of the request. The
 * first filter of the chain (see {@link ObservabilityConfig}); it also runs on the error dispatch, which comes after
 * the request dispatch has returned, and keeps the id of the request there.
 */
class RequestIdFilter extends OncePerRequestFilter {

	private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = request.getAttribute(ATTRIBUTE) instanceof String known ? known
				: RequestIds.acceptOrGenerate(request.getHeaders(RequestIds.HEADER));
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader(RequestIds.HEADER, id);
		String outer = MDC.get(RequestIds.MDC_KEY);
		MDC.put(RequestIds.MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			JobLogContext.restore(RequestIds.MDC_KEY, outer);
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}
}
