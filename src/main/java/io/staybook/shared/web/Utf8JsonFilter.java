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
 * <p>
 * It also refuses with 400 {@code malformed_json} a body whose strings are not Unicode text: a {@code \\u} escape of
 * a UTF-16 surrogate that is not half of a pair ({@code "\\ud800"} alone). JSON's grammar lets such an escape through
 * (RFC 8259 §8.2 calls what follows "unpredictable"; I-JSON, RFC 7493 §2.1, forbids it), Jackson reads it into a Java
 * string, and PostgreSQL's driver then stores a {@code ?} in its place while the response echoed the text as sent: a
 * message, review or name silently changed. REST bodies and GraphQL variables are both read here; GraphQL string
 * literals are refused by graphql-java's own parser.
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
		if (!surrogatesPaired(body)) {
			problems.write(request, response, HttpStatus.BAD_REQUEST, "malformed_json",
					"A JSON string holds an unpaired surrogate escape (\\uD800 to \\uDFFF outside a pair): it is not"
							+ " Unicode text.");
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

	/**
	 * False when a {@code \\u} escape of a high surrogate (D800–DBFF) is not followed at once by the escape of a low one
	 * (DC00–DFFF), or a low one comes without a high one before it. Reads escapes as JSON writes them (a backslash
	 * outside a string is malformed JSON anyway, for Jackson to refuse): {@code \\\\ud800} is a backslash and text.
	 */
	static boolean surrogatesPaired(byte[] body) {
		boolean lowExpected = false;
		for (int i = 0; i < body.length; i++) {
			if (body[i] != '\\') {
				if (lowExpected) {
					return false;
				}
				continue;
			}
			int unit = i + 5 < body.length && body[i + 1] == 'u' ? hex4(body, i + 2) : -1;
			boolean high = unit >= 0xD800 && unit <= 0xDBFF;
			boolean low = unit >= 0xDC00 && unit <= 0xDFFF;
			if (lowExpected != low) {
				return false;
			}
			lowExpected = high;
			i += unit >= 0 ? 5 : 1;
		}
		return !lowExpected;
	}

	/** The four hex digits at {@code at} as a number, or -1 when they are not four hex digits. */
	private static int hex4(byte[] body, int at) {
		int value = 0;
		for (int i = at; i < at + 4; i++) {
			int digit = Character.digit(body[i], 16);
			if (digit < 0) {
				return -1;
			}
			value = value * 16 + digit;
		}
		return value;
	}
}
