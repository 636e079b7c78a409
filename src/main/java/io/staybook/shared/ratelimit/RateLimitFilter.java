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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@link RateLimits#BOOKING}, {@link RateLimits#PAYMENT} or {@link RateLimits#REVIEW}, and writing a message
 * ({@code POST /api/v1/conversations}, {@code /conversations/{id}/messages}) one from {@link RateLimits#MESSAGE}. A GraphQL request is charged its
 * operation's cost in {@link RateLimits#GRAPHQL} later, once the document is parsed ({@link GraphQlCostLimit}), under
 * the key found here ({@link #KEY_ATTRIBUTE}). Provider webhooks are not limited (the provider retries, and its
 * signature is checked).
 * <p>
 * A listing's calendar feed ({@code GET} or {@code HEAD /api/v1/properties/{id}/calendar.ics}, {@code id} a UUID) is
 * polled by other platforms' servers, a few addresses asking for thousands of listings; keyed by the address, their
 * polling would be refused and hosts double-booked. So a feed request takes one token from {@link RateLimits#ICAL_FEED}
 * keyed by the listing id, whoever asks and with or without a token, and none from {@link RateLimits#ANONYMOUS} or
 * {@link RateLimits#ACCOUNT}. What stays per address is guessing: a feed request that fails (a 4xx answer: wrong token,
 * no such listing) gives its token back to the listing's bucket, so that nobody without the secret can use up a
 * listing's polls, and takes one from the address's {@link RateLimits#ANONYMOUS} bucket afterwards, and a feed
 * request from an address whose bucket is empty is refused, so ids and tokens cannot be tried faster than any other
 * anonymous read.
 * <p>
 * A refusal is a 429 {@code too_many_requests} problem with {@code Retry-After}; the RateLimit headers (of the bucket
 * taken from) go on every response of these paths.
 */
@Component
class RateLimitFilter extends OncePerRequestFilter {

	/** The request attribute holding the caller's rate-limit key: {@code account:<id>} or the client address. */
	static final String KEY_ATTRIBUTE = RateLimitFilter.class.getName() + ".key";

	/**
	 * A listing's calendar feed (io.staybook.ical): {@code /api/v1/properties/<id>/calendar.ics}, the id a UUID as
	 * written (any other id is answered 400 under the address's bucket, as any other request).
	 */
	private static final Pattern FEED_PATH = Pattern
		.compile("/api/v1/properties/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/calendar\\.ics");

	/** Writing a message (io.staybook.message): a conversation opened or continued, or a message in one. */
	private static final Pattern MESSAGE_PATH = Pattern.compile("/api/v1/conversations(/[^/]+/messages)?/?");

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
		UUID feed = calendarFeed(request);
		if (feed != null) {
			feed(feed, request, response, chain);
			return;
		}
		Optional<Duration> wait = limits.tryAcquire(account != null ? RateLimits.ACCOUNT : RateLimits.ANONYMOUS, key,
				response);
		String specific = specific(request);
		if (wait.isEmpty() && specific != null) {
			wait = limits.tryAcquire(specific, key, response);
		}
		if (wait.isPresent()) {
			refuse(request, response, wait.get());
			return;
		}
		chain.doFilter(request, response);
	}

	/** A calendar feed request: the listing's bucket; the address's only while it is empty, and after a failure. */
	private void feed(UUID listing, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		Optional<Duration> wait = limits.blockedFor(RateLimits.ANONYMOUS, address);
		if (wait.isEmpty()) {
			wait = limits.tryAcquire(RateLimits.ICAL_FEED, listing.toString(), response);
		}
		if (wait.isPresent()) {
			refuse(request, response, wait.get());
			return;
		}
		chain.doFilter(request, response);
		int status = response.getStatus();
		if (status >= 400 && status < 500) {
			// a wrong token is the address's guess, not the listing's polling: left in the listing's bucket, 60 of them
			// a minute from anyone who knows the (public) listing id would refuse the real platforms' polls
			limits.giveBack(RateLimits.ICAL_FEED, listing.toString());
			limits.record(RateLimits.ANONYMOUS, address);
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()));
		problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too_many_requests",
				"Too many requests; try again later.");
	}

	/** The listing id of a calendar feed request ({@link #FEED_PATH}), or null for any other request. */
	private static UUID calendarFeed(HttpServletRequest request) {
		if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
			return null;
		}
		Matcher matcher = FEED_PATH.matcher(request.getRequestURI());
		return matcher.matches() ? UUID.fromString(matcher.group(1)) : null;
	}

	private static String specific(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return null;
		}
		return switch (request.getRequestURI()) {
			case "/api/v1/bookings" -> RateLimits.BOOKING;
			case "/api/v1/payments" -> RateLimits.PAYMENT;
			case "/api/v1/reviews" -> RateLimits.REVIEW;
			default -> MESSAGE_PATH.matcher(request.getRequestURI()).matches() ? RateLimits.MESSAGE : null;
		};
	}
}
