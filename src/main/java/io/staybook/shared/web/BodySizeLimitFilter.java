package io.staybook.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 1 MiB with 413, on every path: at once when {@code Content-Length} says so, and while
 * reading when the body is chunked. A reader that turns the failed read into an answer of its own (Spring for GraphQL
 * answers 400 for a body it could not read) has that answer replaced by the 413, as long as it is not yet sent.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

	static final long MAX_BYTES = 1024 * 1024;

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
		if (request.getContentLengthLong() > MAX_BYTES) {
			problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
					"The request body is larger than 1 MiB.");
			return;
		}
		LimitedRequest limited = new LimitedRequest(request);
		chain.doFilter(limited, response);
		if (limited.exceeded() && response.getStatus() != HttpStatus.CONTENT_TOO_LARGE.value()
				&& !response.isCommitted()) {
			response.reset();
			problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
					"The request body is larger than 1 MiB.");
		}
	}

	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("request body too large");
		}
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private LimitedInputStream limited;

		LimitedRequest(HttpServletRequest request) {
			super(request);
		}

		boolean exceeded() {
			return limited != null && limited.count > MAX_BYTES;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (limited == null) {
				limited = new LimitedInputStream(super.getInputStream());
			}
			return limited;
		}

		/** The same limited stream, decoded, so that no reader can go around the limit. */
		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			try {
				Charset charset = encoding != null ? Charset.forName(encoding) : StandardCharsets.UTF_8;
				return new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			catch (IllegalArgumentException ex) {
				throw new UnsupportedEncodingException(encoding);
			}
		}
	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private long count;

		LimitedInputStream(ServletInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws BodyTooLargeException {
			count += n;
			if (count > MAX_BYTES) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}
}
