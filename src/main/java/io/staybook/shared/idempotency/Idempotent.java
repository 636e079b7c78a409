package io.staybook.shared.idempotency;

import io.staybook.shared.DomainException;
import io.staybook.shared.persistence.RetryingTransactions;
import io.staybook.shared.validation.Characters;
import java.util.function.Predicate;
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
 * Supplier, Predicate)} asks the caller, before replaying, whether the repeat carries the first request's secret,
 * checked against what the first request stored (the account's slow Argon2 hash), and answers 400
 * {@code idempotency_key_reused} when it does not. So a repeat replays only when it is the same request, secret
 * included, and nothing but the slow hash the service keeps anyway ever holds the secret.
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
	 * Runs {@code work} under {@code key} when the client sent one (a missing or blank key runs it plainly).
	 * @param request what identifies the request (the same for a repeat, something else for another request); leave
	 * out secrets, it is hashed and kept 24 hours
	 * @param type the type of the result, kept as JSON to be replayed
	 * @throws DomainException 400 {@code invalid_idempotency_key} for a key over {@value #MAX_KEY_LENGTH} characters,
	 * 400 {@code idempotency_key_reused}, 409 {@code request_in_progress}, or whatever {@code work} throws
	 */
	public <T> Outcome<T> run(IdempotencyScope scope, String key, Object request, Class<T> type, Supplier<T> work) {
		if (key == null || key.isBlank()) {
			return new Outcome<>(work.get(), false);
		}
		checkLength(key);
		return once(scope, key, request, type, work, replay -> true);
	}

	/**
	 * {@link #run} for a request whose {@code request} leaves out a secret: a replay candidate is replayed only when
	 * {@code sameSecret} says the repeat carries the secret the first request sent (given the first request's result,
	 * e.g. the account created, whose slow hash it checks); otherwise the repeat is another request under the key.
	 * @throws DomainException as {@link #run}, and 400 {@code idempotency_key_reused} when {@code sameSecret} is false
	 */
	public <T> Outcome<T> run(IdempotencyScope scope, String key, Object request, Class<T> type, Supplier<T> work,
			Predicate<T> sameSecret) {
		if (key == null || key.isBlank()) {
			return new Outcome<>(work.get(), false);
		}
		checkLength(key);
		return once(scope, key, request, type, work, sameSecret);
	}

	/**
	 * {@link #run} for an operation that must not run without a key ({@code POST /payments}).
	 * @throws DomainException 400 {@code idempotency_key_required} for a missing, blank or too long key
	 */
	public <T> Outcome<T> runRequired(IdempotencyScope scope, String key, Object request, Class<T> type,
			Supplier<T> work) {
		if (key == null || key.isBlank() || Characters.count(key) > MAX_KEY_LENGTH) {
			throw DomainException.badRequest("idempotency_key_required",
					"An idempotency key is required (1 to " + MAX_KEY_LENGTH + " characters).");
		}
		return once(scope, key, request, type, work, replay -> true);
	}

	private static void checkLength(String key) {
		if (Characters.count(key) > MAX_KEY_LENGTH) {
			throw DomainException.badRequest("invalid_idempotency_key",
					"An Idempotency-Key has at most " + MAX_KEY_LENGTH + " characters.");
		}
	}

	private <T> Outcome<T> once(IdempotencyScope scope, String key, Object request, Class<T> type, Supplier<T> work,
			Predicate<T> sameSecret) {
		// the type names the operation: the same key on another endpoint is another request
		String fingerprint = IdempotencyKeys.hash(type.getName() + "\n" + JSON.writeValueAsString(request));
		Outcome<T> outcome = transactions.execute(() -> {
			if (keys.claim(scope, key, fingerprint) instanceof IdempotencyKeys.Replay replay) {
				return new Outcome<>(JSON.readValue(replay.body(), type), true);
			}
			T created = work.get();
			keys.complete(scope, key, 201, JSON.writeValueAsString(created));
			return new Outcome<>(created, false);
		});
		if (outcome.replayed() && !sameSecret.test(outcome.value())) {
			throw IdempotencyKeys.reused();
		}
		return outcome;
	}
}
