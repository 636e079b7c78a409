package io.staybook.shared.ratelimit;

import io.staybook.shared.security.VerifiedToken;
import io.staybook.shared.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The limits every API call passes, after authentication (it runs after Spring Security's chain): each request to
 * {@code /api/} or {@code /graphql} takes one token from {@link RateLimits#ACCOUNT} (keyed by the account) when it
 * carries a valid token, else from {@link RateLimits#ANONYMOUS} (keyed by the client address); creating a booking, a
 * payment or a review ({@code POST /api/v1/bookings}, {@code /payments}, {@code /reviews}) takes one more from
 * {@link RateLimits#BOOKING}, {@link RateLimits#PAYMENT} or {@link RateLimits#REVIEW}. A GraphQL request is charged its
 * operation's cost in {@link RateLimits#GRAPHQL} later, once the document is parsed ({@link GraphQlCostLimit}), under
 * the key found here ({@link #KEY_ATTRIBUTE}). Provider webhooks are not limited (the provider retries, and its
 * signature is checked). A refusal is a 429 {@code too_many_requests} problem with {@code Retry-After}; the
 * RateLimit headers go on every response of these paths.
 */
@Component
class RateLimitFilter extends OncePerRequestFilter {

	/** The request attribute holding the caller's rate-limit key: {@code account:<id>} or the client address. */
	static final String KEY_ATTRIBUTE = RateLimitFilter.class.getName() + ".key";

	private final RateLimits limits;

	private final ProblemResponses problems;

	RateLimitFilter(RateLimits limits, ProblemResponses problems) {
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.startsWith("/api/") || path.equals("/graphql")) || path.startsWith("/api/v1/payments/webhooks/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// an account's token counts against the account, whether or not the request looked the account up
		UUID account = VerifiedToken.accountOf(SecurityContextHolder.getContext().getAuthentication());
		String key = account != null ? "account:" + account : request.getRemoteAddr();
		request.setAttribute(KEY_ATTRIBUTE, key);
		Optional<Duration> wait = limits.tryAcquire(account != null ? RateLimits.ACCOUNT : RateLimits.ANONYMOUS, key,
				response);
		String specific = specific(request);
		if (wait.isEmpty() && specific != null) {
			wait = limits.tryAcquire(specific, key, response);
		}
		if (wait.isPresent()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.get().toSeconds()));
			problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
					"Too many requests; try again later.");
			return;
		}
		chain.doFilter(request, response);
	}

	private static String specific(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return null;
		}
		return switch (request.getRequestURI()) {
			case "/api/v1/bookings" -> RateLimits.BOOKING;
			case "/api/v1/payments" -> RateLimits.PAYMENT;
			case "/api/v1/reviews" -> RateLimits.REVIEW;
			default -> null;
		};
	}
}
