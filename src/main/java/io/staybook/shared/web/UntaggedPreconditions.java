package io.staybook.shared.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * The preconditions of every operation whose resource has no ETag (all but those marked
 * {@link EvaluatesPreconditions}), the functional routes included ({@code /graphql}, GET and POST) and the static
 * files (Swagger UI's, served without an ETag). It runs after authentication and routing (a 401, 404 or 405 comes
 * first, §13.2.1) and before the handler reads the body or acts; a failure is 412 {@code precondition_failed}.
 * <ul>
 * <li>{@code If-Match}, reads and writes alike: by RFC 9110 §13.1.1 a list of entity tags matches none of such a
 * resource's representations, so the method is not performed; {@code *} holds (the resource exists, or the handler
 * answers 404). It was ignored, so a client's guard against a lost update changed the resource all the same (on
 * {@code /graphql} a mutation under {@code If-Match: "x"} was performed).</li>
 * <li>{@code If-None-Match: *} on a write (any method but GET, HEAD and OPTIONS): by §13.1.2 it is false when the
 * target resource has a current representation, and the method must not be performed. Every write here acts on an
 * existing resource (a listing, an account, a booking by its action URI, {@code /graphql}) except a POST that creates
 * one (documented with a 201, and answering 201 with a {@code Location}): there the precondition is left to hold. Its
 * target is a collection, but what it does is make a new resource at a new URI that no representation existed for,
 * and §13.1.2 gives {@code *} for exactly that guard ("to prevent an unsafe request method ... from inadvertently
 * modifying an existing representation of the target resource"): a creation modifies none, and refusing it would
 * refuse every guarded create. The one resource here whose absence is only learnt by a lookup answers 412 for a
 * missing id too, where §13.2.1 would have the 404 first: both say "not performed", and the precondition is only
 * ever sent on purpose. It was ignored, so a write its sender meant to happen only where nothing existed replaced or
 * deleted what did.</li>
 * </ul>
 * {@code If-None-Match} with entity tags holds on such a resource (none matches), and {@code *} on a read is left to
 * the handler.
 */
class UntaggedPreconditions implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String method = request.getMethod();
		boolean ifMatch = request.getHeader(HttpHeaders.IF_MATCH) != null;
		boolean ifNoneMatchOnWrite = request.getHeader(HttpHeaders.IF_NONE_MATCH) != null && !"GET".equals(method)
				&& !"HEAD".equals(method);
		// most requests carry neither: nothing to parse on them
		if ((!ifMatch && !ifNoneMatchOnWrite) || "OPTIONS".equals(method) || !untagged(handler)) {
			return true;
		}
		Preconditions preconditions = Preconditions.of(request);
		if (ifMatch && !preconditions.ifMatchHoldsWithoutETag()) {
			throw Preconditions.failed();
		}
		if (ifNoneMatchOnWrite && !creates(handler)
				&& preconditions.evaluate(null) == Preconditions.Outcome.FAILED) {
			throw Preconditions.failed();
		}
		return true;
	}

	/**
	 * A controller method not marked {@link EvaluatesPreconditions}, a functional route (GraphQL's among them), or a
	 * static file served without an ETag.
	 */
	private static boolean untagged(Object handler) {
		return switch (handler) {
			case HandlerMethod method -> !method.hasMethodAnnotation(EvaluatesPreconditions.class);
			case HandlerFunction<?> function -> true;
			case ResourceHttpRequestHandler files -> files.getEtagGenerator() == null;
			default -> false;
		};
	}

	/** A controller method whose documented answer is 201 Created: a POST that makes a new resource. */
	private static boolean creates(Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return false;
		}
		List<ApiResponse> answers = List.copyOf(
				AnnotatedElementUtils.findMergedRepeatableAnnotations(method.getMethod(), ApiResponse.class));
		return answers.stream().anyMatch(answer -> "201".equals(answer.responseCode()));
	}
}
