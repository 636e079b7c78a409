package io.staybook.shared.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code staybook.rate-limits.*}: whether the limits apply at all ({@code enabled}; off, only the contract's login
 * throttle, {@link RateLimits#LOGIN_EMAIL}, still applies) and, per named limit, a bucket of {@code capacity} requests
 * earned back over {@code period} (for example {@code staybook.rate-limits.limits.login-ip.capacity=20}). Every name
 * of {@link RateLimits} must be configured (application.yaml gives them all).
 * @param enabled false switches off every limit but the login throttle (load tests, trusted internal callers)
 * @param limits the limits by name
 * @param localMemory the most heap the in-process buckets may take together (used without Redis, and while Redis
 * fails), estimated per bucket; past it the least useful buckets are dropped (a dropped bucket is full again)
 */
@ConfigurationProperties("staybook.rate-limits")
public record RateLimitSettings(@DefaultValue("true") boolean enabled, Map<String, Limit> limits,
		@DefaultValue("32MB") DataSize localMemory) {

	/**
	 * One bucket's size.
	 * @param capacity requests allowed at once, at least 1
	 * @param period how long an emptied bucket takes to fill again, positive
	 */
	public record Limit(long capacity, Duration period) {
	}

	/**
	 * @throws IllegalStateException for a limit whose capacity is under 1 or whose period is not positive, or a
	 * {@code local-memory} under 1 MB
	 */
	public RateLimitSettings {
		limits = limits == null ? Map.of() : new LinkedHashMap<>(limits);
		localMemory = localMemory == null ? DataSize.ofMegabytes(32) : localMemory; // null: the default
		if (localMemory.toMegabytes() < 1) {
			throw new IllegalStateException("staybook.rate-limits.local-memory must be at least 1MB");
		}
		limits.forEach((name, limit) -> {
			if (limit == null || limit.capacity() < 1 || limit.period() == null || !limit.period().isPositive()) {
				throw new IllegalStateException("staybook.rate-limits.limits." + name
						+ " needs a capacity >= 1 and a positive period");
			}
		});
	}

	Limit limit(String name) {
		Limit limit = limits.get(name);
		if (limit == null) {
			throw new IllegalStateException("staybook.rate-limits.limits." + name + " is not configured");
		}
		return limit;
	}
}
