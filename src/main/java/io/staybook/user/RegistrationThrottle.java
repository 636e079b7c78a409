package io.staybook.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.staybook.shared.DomainException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Limits registrations per client address: each address has a token bucket (Bucket4j, in this process's memory) of
 * {@code staybook.registration-throttle.capacity} registrations (default 20), refilled evenly over
 * {@code staybook.registration-throttle.period} (default 1 hour). Every registration costs a slow password hash, so
 * unbounded registration would be a cheap way to take the service's CPU; and mass sign-ups are spam. A refused attempt
 * is a 429 {@code too_many_registrations} with {@code Retry-After}. The address is the one the request came from, as
 * {@code server.forward-headers-strategy} reads it (behind a proxy, the client's; the proxy must set the header).
 * Buckets are per node, so with N nodes an address may register up to N times the limit.
 */
@Component
public class RegistrationThrottle {

	/**
	 * @param capacity registrations an address may make at once
	 * @param period how long an address takes to earn {@code capacity} registrations back
	 */
	@ConfigurationProperties("staybook.registration-throttle")
	record Settings(@DefaultValue("20") long capacity, @DefaultValue("1h") Duration period) {
	}

	private final Settings settings;

	private final TimeMeter time;

	private final Cache<String, Bucket> buckets;

	RegistrationThrottle(Settings settings, Clock clock) {
		if (settings.capacity() < 1 || !settings.period().isPositive()) {
			throw new IllegalStateException("staybook.registration-throttle needs a capacity >= 1 and a positive period");
		}
		this.settings = settings;
		// the service's clock, which tests can move, rather than the JVM's nanoTime
		this.time = new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				return Math.multiplyExact(clock.millis(), 1_000_000L);
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}
		};
		this.buckets = Caffeine.newBuilder().expireAfterAccess(settings.period()).maximumSize(100_000).build();
	}

	/**
	 * Takes one registration from the address's bucket.
	 * @throws DomainException 429 {@code too_many_registrations}, with how long until the next one is allowed
	 */
	public void acquire(String clientAddress) {
		Bucket bucket = buckets.get(clientAddress == null ? "unknown" : clientAddress, address -> newBucket());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			// whole seconds, rounded up, as Retry-After counts them
			long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
			throw DomainException.tooManyRequests("too_many_registrations",
					"Too many registrations from this address; try again later.", Duration.ofSeconds(seconds));
		}
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(settings.capacity()).refillGreedy(settings.capacity(), settings.period()))
			.withCustomTimePrecision(time)
			.build();
	}
}
