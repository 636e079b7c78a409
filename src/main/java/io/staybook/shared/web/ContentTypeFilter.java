package io.staybook.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 415 a {@code Content-Type} or {@code Content-Encoding} no reader could take, on every path, before
 * Spring MVC, Spring GraphQL or Spring's {@code HttpHeaders} (which throws on a malformed type) see it:
 * <ul>
 * <li>one that is not a media type ({@code foo}) or is a pattern ({@code *}{@code /*}, {@code application/*}):
 * a body has one type (RFC 9110 §8.3), code {@code unsupported_media_type}; so are two {@code Content-Type} header
 * lines, even alike (Tomcat read the first, a proxy in front may have judged the body by the last);</li>
 * <li>a charset that is no legal charset name ({@code application/json; charset}, {@code charset=%}), code
 * {@code unsupported_media_type};</li>
 * <li>a JSON body declared in any charset but UTF-8 ({@code application/json; charset=latin1}), code
 * {@code unsupported_charset}: JSON exchanged between systems is UTF-8 (RFC 8259 §8.1), and a body decoded by another
 * charset would be read as other text than the client meant. A JSON body with no charset parameter is read as
 * UTF-8.</li>
 * <li>a body in a content coding ({@code Content-Encoding: gzip}, {@code br}, anything but {@code identity}), code
 * {@code unsupported_media_type}, with {@code Accept-Encoding: identity}: the service reads bodies as sent and decodes
 * none (RFC 9110 §8.4 and §15.5.16), and a body read as if the header were absent would be taken for other bytes than
 * the client meant, or refused for a reason it did not have.</li>
 * </ul>
 */
class ContentTypeFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	ContentTypeFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (encoded(request)) {
			response.setHeader(HttpHeaders.ACCEPT_ENCODING, "identity");
			problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
					"The body must be sent as it is, without a Content-Encoding such as gzip.");
			return;
		}
		String header = request.getContentType();
		// one with control bytes (a UTF-8 "✓") is the firewall's to refuse, with 400 like any such header
		if (header == null || !header.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f))) {
			chain.doFilter(request, response);
			return;
		}
		// two Content-Type lines are no more one type than a list is: Tomcat took the first, a proxy may take the last
		MediaType type = hasParameterWithoutValue(header) || repeated(request) ? null : parse(header);
		String charset = type != null ? charset(type) : null;
		if (type == null || type.isWildcardType() || type.isWildcardSubtype()
				|| !legalCharset(request.getCharacterEncoding()) || !legalCharset(charset)) {
			problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
					"The Content-Type must name one media type, such as application/json, with a valid charset if any.");
			return;
		}
		if (json(type) && charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
			problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_charset",
					"A JSON body must be UTF-8.");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Whether the request has a body (a length above 0, or chunks) in a content coding other than
	 * {@code identity}, by any of its {@code Content-Encoding} headers; without a body the header describes nothing.
	 */
	private static boolean encoded(HttpServletRequest request) {
		// the header first: most requests have none, and then this is one lookup
		if (request.getHeader(HttpHeaders.CONTENT_ENCODING) == null || request.getContentLengthLong() <= 0
				&& request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
			return false;
		}
		for (String header : Collections.list(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
			for (String coding : header.split(",")) {
				if (!coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
					return true;
				}
			}
		}
		return false;
	}

	/** Whether the request has more than one {@code Content-Type} field line (RFC 9110 §8.3: a body has one type). */
	private static boolean repeated(HttpServletRequest request) {
		java.util.Enumeration<String> lines = request.getHeaders(HttpHeaders.CONTENT_TYPE);
		lines.nextElement();
		return lines.hasMoreElements();
	}

	/**
	 * Whether a parameter lacks its {@code =value} ({@code application/json; charset}): RFC 9110 §5.6.6 requires one.
	 * Spring's parser skips such a parameter while Tomcat reads it as an empty charset, so the body would be read one
	 * way here and fail another way there.
	 */
	private static boolean hasParameterWithoutValue(String header) {
		boolean quoted = false;
		int start = header.indexOf(';');
		if (start < 0) {
			return false;
		}
		StringBuilder parameter = new StringBuilder();
		for (int i = start + 1; i <= header.length(); i++) {
			char c = i < header.length() ? header.charAt(i) : ';';
			if (c == '"' && (i == 0 || header.charAt(i - 1) != '\\')) {
				quoted = !quoted;
			}
			if (c == ';' && !quoted) {
				if (!parameter.toString().isBlank() && parameter.indexOf("=") < 0) {
					return true;
				}
				parameter.setLength(0);
			}
			else {
				parameter.append(c);
			}
		}
		return false;
	}

	/** The media type of a header, or {@code null} when it is none. */
	static MediaType parse(String header) {
		try {
			return MediaType.parseMediaType(header);
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	/**
	 * Whether a charset, as the container or Spring read it from the header (Tomcat also takes {@code charset} without
	 * a value), is one {@link Charset#forName} accepts as a name; a well-formed but unknown one is left to the JSON check or the
	 * reader, which refuse it with 415 too.
	 */
	private static boolean legalCharset(String encoding) {
		if (encoding == null) {
			return true;
		}
		try {
			Charset.forName(encoding);
			return true;
		}
		catch (UnsupportedCharsetException ex) {
			return true;
		}
		catch (IllegalCharsetNameException ex) {
			return false;
		}
	}

	/** JSON or a {@code +json} type: the bodies the UTF-8 rule of RFC 8259 §8.1 is about. */
	static boolean json(MediaType type) {
		return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json");
	}

	/** The charset parameter, unquoted; {@code null} when there is none. */
	private static String charset(MediaType type) {
		String charset = type.getParameter("charset");
		return charset != null ? charset.replace("\"", "").strip() : null;
	}
}
