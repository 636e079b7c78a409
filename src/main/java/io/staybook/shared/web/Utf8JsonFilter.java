package io.staybook.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 415 a JSON body that is not UTF-8 although it declares no charset ({@link ContentTypeFilter} refuses
 * one that declares another): JSON exchanged between systems is UTF-8 (RFC 8259 §8.1), but Jackson would recognise
 * UTF-16 and UTF-32 by their byte patterns (RFC 4627 §3) and read them. A NUL among the first four bytes is such a
 * pattern, and FE FF or FF FE a byte-order mark; neither can begin UTF-8 JSON text. (Other bytes that are not UTF-8
 * are malformed JSON, a 400, as before.) Runs after {@link BodySizeLimitFilter},
 * so the body it reads into memory is at most 1 MiB.
 */
class Utf8JsonFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	Utf8JsonFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		MediaType type = request.getContentType() != null ? ContentTypeFilter.parse(request.getContentType()) : null;
		if (type == null || !ContentTypeFilter.json(type)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] body = request.getInputStream().readAllBytes();
		if (!utf8(body)) {
			problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_charset",
					"A JSON body must be UTF-8.");
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body), response);
	}

	/** False for a UTF-16 or UTF-32 byte-order mark, or a NUL among the first four bytes (RFC 4627 §3's patterns). */
	static boolean utf8(byte[] body) {
		if (body.length >= 2 && ((body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff
				|| (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe)) {
			return false;
		}
		for (int i = 0; i < Math.min(4, body.length); i++) {
			if (body[i] == 0) {
				return false;
			}
		}
		return true;
	}
}
