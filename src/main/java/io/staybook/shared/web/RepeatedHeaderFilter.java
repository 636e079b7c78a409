package io.staybook.shared.web;

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
 * more than one field line of a header the service reads as one value: {@code Idempotency-Key} (one request has one
 * key, draft-ietf-httpapi-idempotency-key-header §2) and the webhook signatures ({@code Staybook-Signature},
 * {@code Stripe-Signature}). Spring bound the lines joined ({@code "a, b"}, a key neither retry would send again) or
 * took the first, where a proxy in front may have judged the request by the last. Two {@code Authorization} lines are a
 * 401 (a malformed credential, {@code io.staybook.shared.security.SecurityConfig}), two {@code Content-Type} lines a
 * 415 ({@link ContentTypeFilter}); list-valued headers ({@code Accept}, {@code If-Match}) may repeat.
 */
class RepeatedHeaderFilter extends OncePerRequestFilter {

	/** Headers the service reads as a single value. */
	static final List<String> SINGLE_VALUED = List.of("Idempotency-Key", "Staybook-Signature", "Stripe-Signature");

	private final ProblemResponses problems;

	RepeatedHeaderFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		for (String name : SINGLE_VALUED) {
			if (repeated(request.getHeaders(name))) {
				problems.write(request, response, HttpStatus.BAD_REQUEST, "duplicate_header",
						"The header " + name + " must be sent once, with one value.");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean repeated(Enumeration<String> lines) {
		if (lines == null || !lines.hasMoreElements()) {
			return false;
		}
		lines.nextElement();
		return lines.hasMoreElements();
	}
}
