package io.staybook.shared.idempotency;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Whose key space an {@code Idempotency-Key} belongs to: the same key sent by two callers is two keys. A signed-in
 * caller's keys are theirs ({@code user:<id>}, as Stripe scopes keys to an account).
 * <p>
 * A registration has no caller yet, so its keys are scoped by the address being registered
 * ({@code registration:<SHA-256 of the lower-cased email>}): one anonymous key space shared by everybody would let one
 * client's key collide with, block (400) or replay another's. Scoped by address, a key can only meet the repeats of a
 * registration of the same address, which could succeed only once anyway; the address itself is not stored. The
 * network address was rejected as a scope: behind NAT and proxies it is shared, and a phone that retries after changing
 * networks would lose its key.
 */
public record IdempotencyScope(String name, UUID userId) {

	/** @throws NullPointerException without a name */
	public IdempotencyScope {
		Objects.requireNonNull(name);
	}

	/** The keys of one signed-in account. */
	public static IdempotencyScope user(UUID userId) {
		return new IdempotencyScope("user:" + userId, userId);
	}

	/** The keys of a registration, before any account exists: by a hash of the email, trimmed and lower-cased. */
	public static IdempotencyScope registration(String email) {
		return new IdempotencyScope("registration:" + IdempotencyKeys.hash(email.strip().toLowerCase(Locale.ROOT)),
				null);
	}
}
