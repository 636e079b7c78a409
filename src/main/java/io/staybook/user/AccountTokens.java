package io.staybook.user;

import io.staybook.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rows of {@code account_tokens}: one-time tokens mailed to a person, stored only as hashes
 * ({@link SecretTokens}). Callers hold the transaction. Time is the service's clock, so that expiry follows it.
 */
@Component
class AccountTokens {

	/** What a token may be used for; its {@code purpose} column. */
	enum Purpose {

		VERIFY_EMAIL("verify_email"), PASSWORD_RESET("password_reset"), EMAIL_CHANGE("email_change");

		final String column;

		Purpose(String column) {
			this.column = column;
		}

		static Purpose of(String column) {
			for (Purpose purpose : values()) {
				if (purpose.column.equals(column)) {
					return purpose;
				}
			}
			throw new IllegalArgumentException(column);
		}
	}

	/** A token just asked for: its row id and how long it is valid. Its secret is drawn by the job that mails it. */
	record Issued(UUID id, Duration validFor) {
	}

	/** A token just used: whose, what for, and (for an e-mail change) the new address. */
	record Redeemed(UUID userId, Purpose purpose, String newEmail) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	AccountTokens(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A new token for {@code userId}, valid {@code ttl} from now; {@code newEmail} only for an e-mail change. Its row has
	 * no hash yet, so it matches nothing until {@link #arm} draws its secret.
	 */
	Issued issue(UUID userId, Purpose purpose, String newEmail, Duration ttl) {
		UUID id = Ids.newId();
		Instant now = clock.instant();
		jdbc.sql("""
				insert into account_tokens (id, user_id, purpose, new_email, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?)
				""")
			.params(id, userId, purpose.column, newEmail, Timestamp.from(now), Timestamp.from(now.plus(ttl)))
			.update();
		return new Issued(id, ttl);
	}

	/**
	 * Draws the secret of token {@code id} and stores its hash (replacing any earlier one, whose secret then stops
	 * working), if the token is still unused and unexpired; the secret is returned to be mailed and is stored nowhere.
	 * Empty when the token was used, ended by a newer one, or expired meanwhile.
	 */
	Optional<String> arm(UUID id) {
		String secret = SecretTokens.newSecret();
		int armed = jdbc.sql("update account_tokens set token_hash = ? where id = ? and used_at is null and expires_at > ?")
			.params(SecretTokens.hash(secret), id, Timestamp.from(clock.instant()))
			.update();
		return armed == 1 ? Optional.of(secret) : Optional.empty();
	}

	/** Ends every unused token of {@code userId} for any of {@code purposes}: only the newest link works. */
	int endUnused(UUID userId, Purpose... purposes) {
		return jdbc.sql("update account_tokens set used_at = :now where user_id = :user and purpose = any(:purposes)"
				+ " and used_at is null")
			.param("now", Timestamp.from(clock.instant()))
			.param("user", userId)
			.param("purposes", Arrays.stream(purposes).map(purpose -> purpose.column).toArray(String[]::new))
			.update();
	}

	/**
	 * The account the token with this secret belongs to, used or not, read without a lock: so that a caller can lock
	 * the account's row before {@link #redeem} locks the token's, the order of every change that also ends the
	 * account's sessions or links (see {@link Sessions}). Empty for an unknown token.
	 */
	Optional<UUID> holder(String secret) {
		return jdbc.sql("select user_id from account_tokens where token_hash = ?")
			.param(SecretTokens.hash(secret))
			.query(UUID.class)
			.optional();
	}

	/**
	 * Uses the token, if it exists, is for one of {@code purposes}, is unused and has not expired: one conditional
	 * update, so of two concurrent uses exactly one gets the row (the other waits for its row lock, then finds it used).
	 * Unknown, used, expired and wrong-purpose tokens all give empty, alike.
	 */
	Optional<Redeemed> redeem(String secret, Collection<Purpose> purposes) {
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.sql("""
				update account_tokens set used_at = :now
				where token_hash = :hash and purpose = any(:purposes) and used_at is null and expires_at > :now
				returning user_id, purpose, new_email
				""")
			.param("now", now)
			.param("hash", SecretTokens.hash(secret))
			.param("purposes", purposes.stream().map(purpose -> purpose.column).toArray(String[]::new))
			.query((rs, row) -> new Redeemed(rs.getObject("user_id", UUID.class), Purpose.of(rs.getString("purpose")),
					rs.getString("new_email")))
			.optional();
	}
}
