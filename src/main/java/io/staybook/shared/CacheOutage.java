package io.staybook.shared;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether cache reads should leave the store (Redis) alone for now. After a call fails (Redis stopped, unreachable,
 * or a command past its timeout), reads skip the store for {@link #RETRY}: a read is a miss and what it loaded is not
 * stored, as if the store had failed again; then reads go to the store again, and the first call that succeeds ends
 * the outage. Writes that invalidate are never skipped (see {@code CacheConfig.FailSafeCache}). Logged once when it
 * starts and once when it ends.
 * <p>
 * Why: without it, while Redis was away every cache call of every request waited for Lettuce's command timeout
 * ({@code spring.data.redis.timeout}, 500 ms), and a cached listing read makes four of them (the listing and its host,
 * read and stored): the chaos run (docs/operations.md, "Chaos proof") measured 2 s a request for as long as Redis was
 * down. The rate limits skip a failing Redis the same way ({@code shared.ratelimit.RateLimits}).
 */
final class CacheOutage {

	private static final Logger log = LoggerFactory.getLogger(CacheOutage.class);

	/** How long a failed store is skipped before it is tried again. */
	static final Duration RETRY = Duration.ofSeconds(5);

	private final LongSupplier nanoTime;

	/** {@link System#nanoTime()} until which the store is skipped; meaningful only while {@link #out}. */
	private volatile long retryAt;

	private volatile boolean out;

	CacheOutage() {
		this(System::nanoTime);
	}

	/** With a time source of the caller's, for tests. */
	CacheOutage(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/** Whether to leave the store alone now. */
	boolean skipping() {
		return out && nanoTime.getAsLong() - retryAt < 0;
	}

	/** A call to the store failed: skip it for {@link #RETRY}. */
	void failed(RuntimeException cause) {
		retryAt = nanoTime.getAsLong() + RETRY.toNanos();
		if (!out) {
			out = true;
			log.warn("The cache store fails ({}): caches are bypassed, the store is tried again every {} s",
					cause.toString(), RETRY.toSeconds());
		}
	}

	/** A call to the store succeeded: the outage, if there was one, is over. */
	void succeeded() {
		if (out) {
			out = false;
			log.info("The cache store answers again: caches are used again");
		}
	}
}
