package io.staybook.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@value #MAX_FAILURES} failed logins for one email within
 * {@link #WINDOW}, every further attempt is refused until the oldest of those failures leaves the window. Kept in
 * this process's memory.
 */
@Component
class LoginThrottle {

	static final int MAX_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	private final Cache<String, Deque<Instant>> failures = Caffeine.newBuilder()
		.expireAfterAccess(WINDOW)
		.maximumSize(100_000)
		.build();

	private final Clock clock;

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	/** How long the caller must wait, if login for this email is blocked now. */
	Optional<Duration> blockedFor(String email) {
		Deque<Instant> recent = failures.getIfPresent(key(email));
		if (recent == null) {
			return Optional.empty();
		}
		synchronized (recent) {
			Instant now = clock.instant();
			prune(recent, now);
			if (recent.size() < MAX_FAILURES) {
				return Optional.empty();
			}
			return Optional.of(Duration.between(now, recent.peekFirst().plus(WINDOW)));
		}
	}

	void recordFailure(String email) {
		Deque<Instant> recent = failures.get(key(email), k -> new ArrayDeque<>());
		synchronized (recent) {
			Instant now = clock.instant();
			prune(recent, now);
			recent.addLast(now);
			while (recent.size() > MAX_FAILURES) {
				recent.removeFirst();
			}
		}
	}

	void reset(String email) {
		failures.invalidate(key(email));
	}

	private static void prune(Deque<Instant> recent, Instant now) {
		Instant windowStart = now.minus(WINDOW);
		while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
			recent.removeFirst();
		}
	}

	private static String key(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}
}
