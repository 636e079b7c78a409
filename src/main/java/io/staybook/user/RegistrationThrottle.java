package io.staybook.user;

import io.staybook.shared.DomainException;
import io.staybook.shared.ratelimit.RateLimits;
import org.springframework.stereotype.Component;

/**
 * Limits registrations per client address, over REST and GraphQL alike, with the {@link RateLimits#REGISTRATION}
 * bucket ({@code staybook.rate-limits.limits.registration}: 20 an hour by default; shared by every node when Redis
 * is configured). Every registration costs a slow password hash, so unbounded registration would be a cheap way to
 * take the service's CPU; and mass sign-ups are spam. The address is the one the request came from, as
 * {@code server.forward-headers-strategy} reads it (behind a proxy, the client's; the proxy must set the header).
 */
@Component
public class RegistrationThrottle {

	private final RateLimits limits;

	RegistrationThrottle(RateLimits limits) {
		this.limits = limits;
	}

	/**
	 * Takes one registration from the address's bucket.
	 * @throws DomainException 429 {@code too_many_registrations}, with how long until the next one is allowed
	 */
	public void acquire(String clientAddress) {
		limits.acquire(RateLimits.REGISTRATION, clientAddress, "too_many_registrations",
				"Too many registrations from this address; try again later.");
	}
}
