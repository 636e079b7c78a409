package io.staybook.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 1 MiB (a photo upload: 11 MiB) with 413, on every path, before anything else reads them: at once when
 * {@code Content-Length} says so, and after reading at most 1 MiB + 1 byte of a chunked body, which is then handed on
 * from memory. A body over the limit is thus a 413 whatever else is wrong with it; a reader that stops early (at an
 * unknown field at the start of a huge body, say) cannot turn it into a 400.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

	/** The limit of every body but a photo upload's: the largest GraphQL request over HTTP, for one. */
	public static final long MAX_BYTES = 1024 * 1024;

	/**
	 * A photo upload's limit ({@code POST /api/v1/properties/{id}/photos}, multipart): the photo's 10 MiB and room for
	 * the caption and the part headers, as {@code spring.servlet.multipart.max-request-size} (11MB).
	 */
	static final long MAX_UPLOAD_BYTES = 11 * 1024 * 1024;

	private static final java.util.regex.Pattern UPLOAD = java.util.regex.Pattern
		.compile("/api/v1/properties/[^/]+/photos/?");

	private final ProblemResponses problems;

	BodySizeLimitFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	static boolean isTooLarge(Throwable error) {
		return NestedExceptionUtils.getRootCause(error) instanceof BodyTooLargeException
				|| error instanceof BodyTooLargeException;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = limit(request);
		if (request.getContentLengthLong() > limit) {
			tooLarge(request, response, limit);
			return;
		}
		if (request.getContentLengthLong() >= 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
			// Tomcat holds a body to its Content-Length
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = readAtMostTheLimit(request.getInputStream(), limit);
		}
		catch (BodyTooLargeException ex) {
			tooLarge(request, response, limit);
			// out at once: a client still sending the rest of the body can see the answer and stop
			response.flushBuffer();
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	/** 1 MiB, or {@link #MAX_UPLOAD_BYTES} for a photo upload. */
	private static long limit(HttpServletRequest request) {
		return "POST".equals(request.getMethod()) && UPLOAD.matcher(request.getRequestURI()).matches()
				? MAX_UPLOAD_BYTES : MAX_BYTES;
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
		problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
				"The request body is larger than " + limit / (1024 * 1024) + " MiB.");
	}

	private static byte[] readAtMostTheLimit(InputStream in, long limit) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int n;
		while ((n = in.read(buffer)) >= 0) {
			body.write(buffer, 0, n);
			if (body.size() > limit) {
				throw new BodyTooLargeException();
			}
		}
		return body.toByteArray();
	}

	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("request body too large");
		}
	}
}
