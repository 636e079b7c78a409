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
 * files (Swagger UI's, served without an ETag). It runs after authentication and routing (a 401 or 405 comes first)
 * and before the handler reads the body or acts. Such a resource, while it exists, has a current representation and
 * no entity tag, so (RFC 9110 §13.2.2, in its order):
 * <ol>
 * <li>{@code If-Match} with entity tags is false (§13.1.1: they match none of its representations): 412
 * {@code precondition_failed}, on reads and writes alike; {@code *} holds.</li>
 * <li>{@code If-None-Match: *} is false (§13.1.2: the target has a current representation): 304 on a GET or HEAD, 412
 * on any other method; entity tags hold (none matches). A POST that creates a new resource (documented with a 201) is
 * left to proceed: what it does is make a resource at a new URI that no representation existed for, and §13.1.2 gives
 * {@code *} for exactly that guard ("to prevent an unsafe request method ... from inadvertently modifying an existing
 * representation of the target resource"); refusing it would refuse every guarded create.</li>
 * </ol>
 * Both are evaluated against a resource that exists, and §13.2.1 has the server ignore every precondition when the
 * answer without them would not be a 2xx or 412. Whether the resource exists is only learnt by its handler, so:
 * <ul>
 * <li>a GET or HEAD runs (it is safe) and its 2xx answer is replaced by the 304 or 412 ({@link ConditionalReads});
 * any other answer stands: a missing id is the 404 it is without them, a stranger's the 403 or 404;</li>
 * <li>a write is refused with 412 at once, before its handler, whether or not its id exists. Running an unsafe
 * method to learn whether its target exists would need every write undone after the fact, including what leaves the
 * database (a provider's charge, a stored file); a 412 and the 404 §13.2.1 would put first both say "not performed",
 * the precondition is only ever sent on purpose, and a stranger learns nothing from the 412 about which ids exist.
 * {@code If-Match: *} holds here (the handler answers 404 for a missing id).</li>
 * </ul>
 * Before, a GET under {@code If-None-Match: *} of a resource that existed was a 200 where it is a 304, and a GET
 * under {@code If-Match: "x"} of a missing id a 412 where it is a 404.
 */
class UntaggedPreconditions implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String method = request.getMethod();
		boolean ifMatch = request.getHeader(HttpHeaders.IF_MATCH) != null;
		boolean ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH) != null;
		// most requests carry neither: nothing to parse on them
		if ((!ifMatch && !ifNoneMatch) || "OPTIONS".equals(method) || !untagged(handler)) {
			return true;
		}
		Preconditions preconditions = Preconditions.of(request);
		boolean read = "GET".equals(method) || "HEAD".equals(method);
		Preconditions.Outcome outcome;
		if (!preconditions.ifMatchHoldsWithoutETag()) {
			outcome = Preconditions.Outcome.FAILED;
		}
		else if (ifNoneMatch && (read || !creates(handler))
				&& preconditions.evaluate(null) != Preconditions.Outcome.PROCEED) {
			outcome = read ? Preconditions.Outcome.NOT_MODIFIED : Preconditions.Outcome.FAILED;
		}
		else {
			return true;
		}
		if (!read) {
			throw Preconditions.failed();
		}
		ConditionalReads.answer(request, outcome);
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
