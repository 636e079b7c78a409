package io.staybook.shared.web;

import io.staybook.shared.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The {@code If-Match} and {@code If-None-Match} preconditions of a request on a resource whose representation has a
 * strong ETag, as RFC 9110 §13.1 and §13.2.2 order them. Spring's {@code checkNotModified} ignores {@code If-Match} on a
 * GET and {@code If-None-Match: *} on any read, and nothing evaluated them on a write, so a client's guard against a
 * lost update ({@code If-Match} with the ETag it read) was silently dropped. There is no {@code Last-Modified}, so
 * {@code If-Unmodified-Since} and {@code If-Modified-Since} are ignored (§13.1.3, §13.1.4).
 */
public final class Preconditions {

	/** What the request's preconditions say. */
	public enum Outcome {
		/** None was sent, or all hold: perform the method. */
		PROCEED,
		/** {@code If-None-Match} failed on a GET or HEAD: answer 304 with the ETag. */
		NOT_MODIFIED,
		/** A precondition failed: answer 412, change nothing. */
		FAILED
	}

	private final List<String> ifMatch;

	private final List<String> ifNoneMatch;

	private final boolean read;

	private Preconditions(List<String> ifMatch, List<String> ifNoneMatch, boolean read) {
		this.ifMatch = ifMatch;
		this.ifNoneMatch = ifNoneMatch;
		this.read = read;
	}

	/** The preconditions {@code request} carries, to evaluate against its resource's ETag. */
	public static Preconditions of(HttpServletRequest request) {
		return new Preconditions(lines(request.getHeaders("If-Match")), lines(request.getHeaders("If-None-Match")),
				"GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
	}

	/** Whether the request carries none: most do, and then nothing needs the current ETag. */
	public boolean none() {
		return ifMatch.isEmpty() && ifNoneMatch.isEmpty();
	}

	/**
	 * Evaluates the preconditions against {@code current}, the strong ETag (quoted) of the resource's current
	 * representation: {@code If-Match} by strong comparison, then {@code If-None-Match} by weak comparison; {@code *}
	 * matches any current representation.
	 */
	public Outcome evaluate(String current) {
		if (!ifMatch.isEmpty() && !matches(ifMatch, current, false)) {
			return Outcome.FAILED;
		}
		if (!ifNoneMatch.isEmpty() && matches(ifNoneMatch, current, true)) {
			return read ? Outcome.NOT_MODIFIED : Outcome.FAILED;
		}
		return Outcome.PROCEED;
	}

	/**
	 * Whether {@code If-Match} holds on a resource that exists but has no ETag (RFC 9110 §13.1.1): only {@code *} does,
	 * since a list of entity tags matches none of its representations; true when none was sent.
	 */
	public boolean ifMatchHoldsWithoutETag() {
		return ifMatch.isEmpty() || matches(ifMatch, null, false);
	}

	/**
	 * Refuses a write whose preconditions fail against {@code current} (as {@link #evaluate}): for a service to call
	 * with the ETag of the row it has locked, so that no other write comes between the check and the change.
	 *
	 * @throws DomainException 412 {@code precondition_failed}
	 */
	public void require(String current) {
		if (evaluate(current) != Outcome.PROCEED) {
			throw failed();
		}
	}

	/** The code of the 412 problem of a failed precondition. */
	static final String CODE = "precondition_failed";

	/** The detail of the 412 problem of a failed precondition. */
	static final String DETAIL = "The resource is not in the state If-Match or If-None-Match requires: read it again"
			+ " (its ETag) and retry.";

	/** The 412 problem of a failed precondition. */
	public static DomainException failed() {
		return DomainException.preconditionFailed(CODE, DETAIL);
	}

	/**
	 * Whether any entity tag of the field lines matches {@code current} ({@code *} any). A weak tag ({@code W/"…"})
	 * matches only by weak comparison (§8.8.3.2); a line that is not a list of entity tags matches nothing.
	 */
	private static boolean matches(List<String> lines, String current, boolean weak) {
		for (String line : lines) {
			if (line.strip().equals("*")) {
				return true;
			}
			for (String tag : tags(line)) {
				boolean weakTag = tag.startsWith("W/");
				if ((weak || !weakTag) && (weakTag ? tag.substring(2) : tag).equals(current)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * The entity tags of a field line ({@code [W/]"…"}, separated by commas and spaces; a comma may stand inside the
	 * quotes, §8.8.3); none when the line is malformed.
	 */
	static List<String> tags(String line) {
		List<String> tags = new ArrayList<>();
		int i = 0;
		while (i < line.length()) {
			char c = line.charAt(i);
			if (c == ',' || c == ' ' || c == '\t') {
				i++;
				continue;
			}
			int start = i;
			if (line.startsWith("W/", i)) {
				i += 2;
			}
			int close = i < line.length() && line.charAt(i) == '"' ? line.indexOf('"', i + 1) : -1;
			if (close < 0) {
				return List.of();
			}
			tags.add(line.substring(start, close + 1));
			i = close + 1;
		}
		return tags;
	}

	private static List<String> lines(Enumeration<String> headers) {
		return headers == null ? List.of() : Collections.list(headers);
	}
}
