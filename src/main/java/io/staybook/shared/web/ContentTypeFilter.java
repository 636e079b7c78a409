package io.staybook.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 415 a JSON body declared in any charset but UTF-8 ({@code application/json; charset=latin1}): JSON
 * exchanged between systems is UTF-8 (RFC 8259 §8.1), and a body decoded by another charset would be read as other
 * text than the client meant. A JSON body with no charset parameter is read as UTF-8.
 */
class JsonCharsetFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	JsonCharsetFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String charset = jsonCharset(request.getContentType());
		if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
			problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_charset",
					"A JSON body must be UTF-8.");
			return;
		}
		chain.doFilter(request, response);
	}

	/** The charset parameter of a JSON content type, unquoted; {@code null} when there is none or it is not JSON. */
	private static String jsonCharset(String contentType) {
		if (contentType == null) {
			return null;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			boolean json = type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
			String charset = type.getParameter("charset");
			return json && charset != null ? charset.replace("\"", "").strip() : null;
		}
		catch (InvalidMediaTypeException ex) {
			// not a media type at all: Spring MVC answers it with 415
			return null;
		}
	}
}
