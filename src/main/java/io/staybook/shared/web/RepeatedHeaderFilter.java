package io.staybook.shared.web;

import io.staybook.shared.observability.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses with 400 {@code duplicate_header}, on every path and before anything acts on the request, a request with
 * more than one field line of a header the service reads as one value (RFC 9110 §5.3: a sender must not repeat a field
 * that is not a list): {@code Idempotency-Key} (one request has one key, draft-ietf-httpapi-idempotency-key-header
 * §2), the webhook signatures ({@code Staybook-Signature}, {@code Stripe-Signature}) and {@code X-Request-Id}, whose
 * refusal carries a fresh id ({@link RequestIds#acceptOrGenerate(java.util.Enumeration)}). Spring bound the lines
 * joined ({@code "a, b"}, a key neither retry would send again) or took the first, where a proxy in front may have
 * judged the request by the last. Two {@code Origin} lines are refused the same way by {@link CorsConfig}, which reads
 * it before this filter runs; two {@code Authorization} lines are a 401 (a malformed credential,
 * {@code io.staybook.shared.security.SecurityConfig}), two {@code Content-Type} lines a 415
 * ({@link ContentTypeFilter}), two {@code Host} or {@code Content-Length} lines Tomcat's 400 (RFC 9112 §3.2, §6.3);
 * list-valued headers ({@code Accept}, {@code If-Match}, {@code If-None-Match}) may repeat.
 */
class RepeatedHeaderFilter extends OncePerRequestFilter {

	/** Headers the service reads as a single value. */
	static final List<String> SINGLE_VALUED = List.of("Idempotency-Key", "Staybook-Signature", "Stripe-Signature",
			RequestIds.HEADER);

	private final ProblemResponses problems;

	RepeatedHeaderFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		for (String name : SINGLE_VALUED) {
			if (refusedAsRepeated(name, request, response, problems)) {
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * Answers 400 {@code duplicate_header} when {@code request} carries more than one {@code name} line.
	 * @return whether it did, and the request is answered
	 */
	static boolean refusedAsRepeated(String name, HttpServletRequest request, HttpServletResponse response,
			ProblemResponses problems) throws IOException {
		if (!repeated(request.getHeaders(name))) {
			return false;
		}
		problems.write(request, response, HttpStatus.BAD_REQUEST, "duplicate_header",
				"The header " + name + " must be sent once, with one value.");
		return true;
	}

	private static boolean repeated(Enumeration<String> lines) {
		if (lines == null || !lines.hasMoreElements()) {
			return false;
		}
		lines.nextElement();
		return lines.hasMoreElements();
	}
}
