package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.function.HandlerFunction;

/**
 * {@code If-Match} on every operation whose resource has no ETag (all but those marked
 * {@link EvaluatesPreconditions}), reads and writes alike, the functional routes included ({@code /graphql}, GET and
 * POST): by RFC 9110 §13.1.1 a list of entity tags matches none of such a resource's representations, so the method is
 * not performed and the answer is 412 {@code precondition_failed}; {@code *} holds (the resource exists, or the handler
 * answers 404). It runs after authentication and routing (a 401, 404 or 405 comes first, §13.2.1) and before the
 * handler reads the body or acts. It was ignored, so a client's guard against a lost update changed the resource all
 * the same (on {@code /graphql} a mutation under {@code If-Match: "x"} was performed).
 * {@code If-None-Match} with entity tags holds on such a resource (none matches) and is not looked at.
 */
class UntaggedPreconditions implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getHeader(HttpHeaders.IF_MATCH) != null && !"OPTIONS".equals(request.getMethod())
				&& untagged(handler) && !Preconditions.of(request).ifMatchHoldsWithoutETag()) {
			throw Preconditions.failed();
		}
		return true;
	}

	/** A controller method not marked {@link EvaluatesPreconditions}, or a functional route (GraphQL's among them). */
	private static boolean untagged(Object handler) {
		return handler instanceof HandlerMethod method ? !method.hasMethodAnnotation(EvaluatesPreconditions.class)
				: handler instanceof HandlerFunction<?>;
	}
}
