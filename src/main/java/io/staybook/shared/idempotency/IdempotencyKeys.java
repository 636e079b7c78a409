package io.staybook.shared.idempotency;

import io.staybook.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Client idempotency keys, per {@link IdempotencyScope} (a user, or a registration's address), kept
 * 24 hours ({@link #RETENTION}, as Stripe's); {@link Idempotent} is how requests use them. A request
 * {@link #claim claims} its key, does its work and {@link #complete completes} the key with the response to replay, all
 * in one transaction: if the work fails, the claim rolls back with it and the client can try again with the same key.
 * While the claiming transaction runs it holds a transaction-level advisory lock on the key, so that a concurrent
 * repeat is told 409 {@code request_in_progress} at once instead of waiting for the uncommitted row.
 */
@Component
public class IdempotencyKeys {

	/** How long a key is kept; the {@code purge-expired-records} job deletes older ones (see {@code PurgeJobs}). */
	public static final Duration RETENTION = Duration.ofHours(24);

	/** A claim older than this whose request never finished (a crashed node) may be taken over. */
	static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

	/** How often a claim tries again when the key it collided with vanished before it could be read. */
	static final int MAX_CLAIM_ATTEMPTS = 5;

	private final JdbcClient jdbc;

	private final Clock clock;

	IdempotencyKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** What a claim found: the key is new (go ahead), or its first response, to send again. */
	public sealed interface Claim permits Fresh, Replay {
	}

	/** The key is new: the caller runs the request and records its answer. */
	public record Fresh() implements Claim {
	}

	/**
	 * The key was used with the same request: its recorded answer, to send again as it was, and the slow hash of the
	 * secret the first request sent ({@link #complete(IdempotencyScope, String, int, String, String, UUID)}; null if
	 * none was kept).
	 */
	public record Replay(int status, String body, String secretHash) implements Claim {
	}

	/**
	 * Claims the key in the caller's transaction: in the common case one statement, which takes the key's advisory
	 * lock and inserts the key.
	 *
	 * @throws DomainException 400 when the key was used with another request, 409 while its first request runs
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Claim claim(IdempotencyScope scope, String key, String requestHash) {
		Instant now = clock.instant();
		String lock = scope.name() + " " + key;
		boolean claimed = jdbc.sql("""
				insert into idempotency_keys (scope, user_id, idempotency_key, request_hash, created_at)
				select cast(? as text), cast(? as uuid), cast(? as text), cast(? as text), cast(? as timestamptz)
				where pg_try_advisory_xact_lock(hashtextextended(?, 0))
				on conflict do nothing""")
			.params(scope.name(), scope.userId(), key, requestHash, Timestamp.from(now), lock)
			.update() == 1;
		if (claimed) {
			return new Fresh();
		}
		// the key exists, or its lock is held: by a request with this key still running (taken again if it is ours)
		if (!jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(?, 0))").param(lock).query(Boolean.class)
			.single()) {
			throw inProgress();
		}
		Stored stored = null;
		// The key we collided with may be gone by the time we read it: its request failed and released it, or another
		// repeat took it over. Then it is free again, and we try to claim it once more.
		for (int attempt = 0; stored == null; attempt++) {
			if (insert(scope, key, requestHash, now)) {
				return new Fresh();
			}
			stored = jdbc.sql("""
					select request_hash, response_status, response_body, created_at, completed_at, secret_hash
					from idempotency_keys where scope = ? and idempotency_key = ? for update""")
				.params(scope.name(), key)
				.query((rs, row) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
						rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) != null, rs.getString(6)))
				.optional()
				.orElse(null);
			if (stored == null && attempt == MAX_CLAIM_ATTEMPTS - 1) {
				throw inProgress();
			}
		}
		boolean expired = stored.createdAt().isBefore(now.minus(RETENTION));
		boolean abandoned = !stored.completed() && stored.createdAt().isBefore(now.minus(ABANDONED_AFTER));
		if (expired || abandoned) {
			jdbc.sql("delete from idempotency_keys where scope = ? and idempotency_key = ?")
				.params(scope.name(), key)
				.update();
			insert(scope, key, requestHash, now);
			return new Fresh();
		}
		if (!stored.requestHash().equals(requestHash)) {
			throw reused();
		}
		if (!stored.completed()) {
			throw inProgress();
		}
		return new Replay(stored.status(), stored.body(), stored.secretHash());
	}

	/** Records the response to replay; in the transaction of the work, so both commit or neither. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void complete(IdempotencyScope scope, String key, int status, String body) {
		complete(scope, key, status, body, null, null);
	}

	/**
	 * {@link #complete(IdempotencyScope, String, int, String)} for a registration: also keeps {@code secretHash}, the
	 * slow hash of the secret its request sent (handed back with a {@link Replay}), and {@code account}, the account it
	 * created, whose deletion {@link #erase}s what the key kept.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void complete(IdempotencyScope scope, String key, int status, String body, String secretHash,
			UUID account) {
		jdbc.sql("""
				update idempotency_keys set response_status = ?, response_body = ?, completed_at = ?,
				secret_hash = ?, user_id = coalesce(user_id, ?)
				where scope = ? and idempotency_key = ?""")
			.params(status, body, Timestamp.from(clock.instant()), secretHash, account, scope.name(), key)
			.update();
	}

	/**
	 * Erases what the keys of a deleted account kept (GDPR erasure), in the caller's transaction: its own keys go with
	 * their answers (nobody can send them again: the account's tokens end with it), and the key of the registration
	 * that created it keeps only {@code remains} as its answer, and no secret hash, so that a repeat is still told the
	 * account was deleted until the key expires.
	 *
	 * @return the number of keys deleted or cut down
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int erase(UUID account, String remains) {
		int deleted = jdbc.sql("delete from idempotency_keys where user_id = ? and scope = ?")
			.params(account, IdempotencyScope.user(account).name())
			.update();
		return deleted + jdbc.sql("""
				update idempotency_keys set response_body = ?, secret_hash = null
				where user_id = ? and scope like 'registration:%' and response_body is not null""")
			.params(remains, account)
			.update();
	}

	/** A stable fingerprint of a request body (or of any text): its SHA-256, 64 lowercase hex digits. */
	public static String hash(String canonicalRequest) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean insert(IdempotencyScope scope, String key, String requestHash, Instant now) {
		return jdbc.sql("""
				insert into idempotency_keys (scope, user_id, idempotency_key, request_hash, created_at)
				values (?, ?, ?, ?, ?) on conflict do nothing""")
			.params(scope.name(), scope.userId(), key, requestHash, Timestamp.from(now))
			.update() == 1;
	}

	static DomainException reused() {
		return DomainException.badRequest("idempotency_key_reused",
				"This Idempotency-Key was used with a different request.");
	}

	private static DomainException inProgress() {
		return DomainException.conflict("request_in_progress",
				"A request with this Idempotency-Key is still being processed.");
	}

	private record Stored(String requestHash, Integer status, String body, Instant createdAt, boolean completed,
			String secretHash) {
	}
}
