package io.staybook.shared.idempotency;

import io.staybook.shared.DomainException;
import io.staybook.shared.persistence.RetryingTransactions;
import io.staybook.shared.validation.Characters;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a creating request at most once per client {@code Idempotency-Key}, the one mechanism behind every creating POST
 * and GraphQL mutation (semantics as Stripe's idempotent requests): the same key with the same request, in the same
 * {@link IdempotencyScope}, within 24 hours, gets the first request's result again, created nothing more; the same key
 * with another request is a 400 {@code idempotency_key_reused}; a repeat while the first still runs is a 409
 * {@code request_in_progress}. A request that fails leaves no trace of its key, so the client may retry it.
 * <p>
 * Guarantee: the claim of the key, the work and the recording of its result commit in one transaction (one commit per
 * request), so a creation is never stored without its key's result, nor a result without its creation; a concurrent
 * repeat meets the claim's advisory lock ({@link IdempotencyKeys#claim}). If the node dies before the commit, nothing
 * was created and nothing claimed. The result is stored as the JSON of the
 * service's view ({@code BookingView}, ...), which each API renders as it renders a first answer: REST replays the
 * same status (201), body and {@code Location}.
 * <p>
 * A request holding a secret (a registration's password) is fingerprinted without it, because a fast hash of a body
 * holding it, kept 24 hours, could be brute-forced; instead {@link #run(IdempotencyScope, String, Object, Class,
 * Supplier, Secret)} keeps with the key the slow hash the work made of the secret (the account's Argon2 hash), asks the
 * caller, before replaying, whether the repeat carries the secret that hash was made of, and answers 400
 * {@code idempotency_key_reused} when it does not. So a repeat replays only when it is the same request, secret
 * included, even after the account's password has changed; and nothing but a slow hash ever holds the secret. A
 * deleted account's keys are {@link #erase}d.
 */
@Service
public class Idempotent {

	/** The longest key accepted, in characters (code points), as the {@code idempotency_keys} table counts them. */
	public static final int MAX_KEY_LENGTH = 255;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final IdempotencyKeys keys;

	private final RetryingTransactions transactions;

	Idempotent(IdempotencyKeys keys, RetryingTransactions transactions) {
		this.keys = keys;
		this.transactions = transactions;
	}

	/** A result, and whether it is a replay of an earlier request's (REST says so with {@code Idempotency-Replayed}). */
	public record Outcome<T>(T value, boolean replayed) {
	}

	/**
	 * Runs {@code work} under {@code key} when the client sent one (a missing key, null, runs it plainly).
	 * @param request what identifies the request (the same for a repeat, something else for another request); leave
	 * out secrets, it is hashed and kept 24 hours
	 * @param type the type of the result, kept as JSON to be replayed
	 * @throws DomainException 400 {@code invalid_idempotency_key} for a key sent but not a key ({@link #check}),
	 * 400 {@code idempotency_key_reused}, 409 {@code request_in_progress}, or whatever {@code work} throws
	 */
	public <T> Outcome<T> run(IdempotencyScope scope, String key, Object request, Class<T> type, Supplier<T> work) {
		return run(scope, key, request, type, work, null);
	}

	/**
	 * The secret a request carries and its {@code request} fingerprint leaves out (a registration's password), for
	 * {@link #run(IdempotencyScope, String, Object, Class, Supplier, Secret)}.
	 *
	 * @param hash the slow hash the work made of this request's secret (the new account's Argon2 hash), kept with the
	 * key for as long as the key, so that a repeat is judged against the first request's secret, not against whatever
	 * the account holds by then
	 * @param owner the account a first result created: its deletion {@link #erase}s what the key kept
	 * @param sameSecret given the first result and the hash kept with its key (null for a key kept before hashes
	 * were), whether this request carries the secret that hash was made of; it may throw instead, to refuse the repeat
	 * for another reason (the account deleted since)
	 */
	public record Secret<T>(String hash, Function<T, UUID> owner, BiPredicate<T, String> sameSecret) {
	}

	/**
	 * {@link #run} for a request whose {@code request} leaves out a secret: a replay candidate is replayed only when
	 * {@code secret} says the repeat carries the secret the first request sent; otherwise the repeat is another request
	 * under the key.
	 * @throws DomainException as {@link #run}, and 400 {@code idempotency_key_reused} when the secret differs
	 */
	public <T> Outcome<T> run(IdempotencyScope scope, String key, Object request, Class<T> type, Supplier<T> work,
			Secret<T> secret) {
		if (key == null) {
			return new Outcome<>(work.get(), false);
		}
		check(key);
		return once(scope, key, request, type, work, secret);
	}

	/**
	 * Erases what the keys of a deleted account kept, in the caller's transaction (the deletion's): its own keys and
	 * their answers go; the key of the registration that created it keeps only {@code remains} (the JSON of a result
	 * naming nothing but the account's id), which a repeat of that registration is then judged by.
	 */
	public void erase(UUID account, Object remains) {
		keys.erase(account, JSON.writeValueAsString(remains));
	}

	/**
	 * {@link #run} for an operation that must not run without a key ({@code POST /payments}).
	 * @throws DomainException 400 {@code idempotency_key_required} for a missing key (null), 400
	 * {@code invalid_idempotency_key} for a key sent but not a key ({@link #check}), as every other operation answers
	 * such a key
	 */
	public <T> Outcome<T> runRequired(IdempotencyScope scope, String key, Object request, Class<T> type,
			Supplier<T> work) {
		if (key == null) {
			throw DomainException.badRequest("idempotency_key_required",
					"An Idempotency-Key is required (1 to " + MAX_KEY_LENGTH + " characters).");
		}
		check(key);
		return once(scope, key, request, type, work, null);
	}

	/**
	 * Refuses a key sent that is not a key, for a caller that must refuse it before work of its own that
	 * {@link #run} would otherwise follow (a photo stored before its key is claimed); {@link #run} checks it too. A
	 * key is 1 to {@value #MAX_KEY_LENGTH} characters of visible ASCII and spaces, not only spaces: the characters of a
	 * Structured Field String (RFC 8941 §3.3.3), which draft-ietf-httpapi-idempotency-key-header makes the key. A
	 * control character (a tab) or a non-ASCII one (which HTTP carries as ISO-8859-1 bytes, so that one key would be
	 * another over GraphQL's JSON) was taken as a key; an empty or blank one as no key at all, the request run without
	 * the protection its client asked for.
	 * @param key the key sent; null (none sent) passes
	 * @throws DomainException 400 {@code invalid_idempotency_key}
	 */
	public static void check(String key) {
		if (key == null) {
			return;
		}
		if (key.isBlank()) {
			throw DomainException.badRequest("invalid_idempotency_key",
					"An Idempotency-Key has 1 to " + MAX_KEY_LENGTH + " characters, not only spaces.");
		}
		if (Characters.count(key) > MAX_KEY_LENGTH) {
			throw DomainException.badRequest("invalid_idempotency_key",
					"An Idempotency-Key has at most " + MAX_KEY_LENGTH + " characters.");
		}
		if (!key.chars().allMatch(c -> c >= ' ' && c <= '~')) {
			throw DomainException.badRequest("invalid_idempotency_key",
					"An Idempotency-Key has only visible ASCII characters and spaces.");
		}
	}

	/** {@code secret}: null for a request without one. */
	private <T> Outcome<T> once(IdempotencyScope scope, String key, Object request, Class<T> type, Supplier<T> work,
			Secret<T> secret) {
		// the type names the operation: the same key on another endpoint is another request
		String fingerprint = IdempotencyKeys.hash(type.getName() + "\n" + JSON.writeValueAsString(request));
		Ran<T> ran = transactions.execute(() -> {
			if (keys.claim(scope, key, fingerprint) instanceof IdempotencyKeys.Replay replay) {
				return new Ran<>(new Outcome<>(JSON.readValue(replay.body(), type), true), replay.secretHash());
			}
			T created = work.get();
			if (secret == null) {
				keys.complete(scope, key, 201, JSON.writeValueAsString(created));
			}
			else {
				keys.complete(scope, key, 201, JSON.writeValueAsString(created), secret.hash(),
						secret.owner().apply(created));
			}
			return new Ran<>(new Outcome<>(created, false), null);
		});
		// checked with no transaction held: the check is a slow hash
		Outcome<T> outcome = ran.outcome();
		if (outcome.replayed() && secret != null && !secret.sameSecret().test(outcome.value(), ran.keptHash())) {
			throw IdempotencyKeys.reused();
		}
		return outcome;
	}

	/** What a keyed request's transaction gave: its outcome, and for a replay the secret hash kept with the key. */
	private record Ran<T>(Outcome<T> outcome, String keptHash) {
	}
}
