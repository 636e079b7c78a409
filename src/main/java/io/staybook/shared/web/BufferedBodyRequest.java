package io.staybook.shared.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** A request whose body a filter has read already (at most 1 MiB, see {@link BodySizeLimitFilter}), served from memory. */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

	private final byte[] body;

	private ServletInputStream stream;

	BufferedBodyRequest(HttpServletRequest request, byte[] body) {
		super(request);
		this.body = body;
	}

	@Override
	public ServletInputStream getInputStream() {
		if (stream == null) {
			stream = new BufferedInputStream(new ByteArrayInputStream(body));
		}
		return stream;
	}

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

	private static final class BufferedInputStream extends ServletInputStream {

		private final ByteArrayInputStream delegate;

		BufferedInputStream(ByteArrayInputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public int read() {
			return delegate.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return delegate.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return delegate.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			try {
				listener.onDataAvailable();
				listener.onAllDataRead();
			}
			catch (IOException ex) {
				listener.onError(ex);
			}
		}
	}
}
