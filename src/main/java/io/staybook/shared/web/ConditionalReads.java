package io.staybook.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * Answers the failed precondition of a GET or HEAD of a resource without an ETag once its handler has answered
 * ({@link UntaggedPreconditions} decides it): a 2xx becomes the 304 ({@code If-None-Match: *}, RFC 9110 §13.1.2) or
 * the 412 {@code precondition_failed} ({@code If-Match} with entity tags, §13.1.1), while any other answer (the 404 of
 * a missing id, a 401, a 403) stands, as §13.2.1 has the server ignore preconditions then. A read is safe, so running
 * its handler to learn that the resource exists changes nothing.
 * <p>
 * Only a GET or HEAD that carries {@code If-Match} or {@code If-None-Match: *} is buffered (rare); the rest pass
 * untouched. An asynchronous answer ({@code /graphql}'s) is judged at the end of its last dispatch. The 304 keeps the
 * headers of the 200 (RFC 9110 §15.4.5: Cache-Control, Vary...) but no body and no Content-Type.
 */
class ConditionalReads extends OncePerRequestFilter {

	private static final String OUTCOME = ConditionalReads.class.getName() + ".outcome";

	private final ProblemResponses problems;

	ConditionalReads(ProblemResponses problems) {
		this.problems = problems;
	}

	/**
	 * Marks {@code request} for {@code outcome} ({@link Preconditions.Outcome#NOT_MODIFIED} or
	 * {@link Preconditions.Outcome#FAILED}), which replaces a 2xx answer.
	 */
	static void answer(HttpServletRequest request, Preconditions.Outcome outcome) {
		request.setAttribute(OUTCOME, outcome);
	}

	/**
	 * Only a GET or HEAD whose precondition can fail on a resource without an ETag: one with {@code If-Match}, or with
	 * {@code If-None-Match: *}. A client revalidating a listing with its ETag (the common conditional read) is not
	 * buffered.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		if (!("GET".equals(method) || "HEAD".equals(method))) {
			return true;
		}
		if (request.getHeader(HttpHeaders.IF_MATCH) != null) {
			return false;
		}
		Enumeration<String> lines = request.getHeaders(HttpHeaders.IF_NONE_MATCH);
		while (lines != null && lines.hasMoreElements()) {
			if (lines.nextElement().indexOf('*') >= 0) {
				return false;
			}
		}
		return true;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper buffered = WebUtils.getNativeResponse(response,
				ContentCachingResponseWrapper.class);
		if (buffered == null) {
			buffered = new ContentCachingResponseWrapper(response);
		}
		chain.doFilter(request, buffered);
		if (isAsyncStarted(request)) {
			return;
		}
		int status = buffered.getStatus();
		Object outcome = request.getAttribute(OUTCOME);
		if (outcome != null && status >= 200 && status < 300 && !response.isCommitted()) {
			buffered.resetBuffer();
			if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
				buffered.setStatus(HttpStatus.NOT_MODIFIED.value());
				buffered.setContentType(null);
				return;
			}
			problems.write(request, buffered, HttpStatus.PRECONDITION_FAILED, Preconditions.CODE,
					Preconditions.DETAIL);
		}
		buffered.copyBodyToResponse();
	}
}
