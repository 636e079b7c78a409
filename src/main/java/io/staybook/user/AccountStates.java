package io.staybook.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.staybook.shared.JsonEnums;
import io.staybook.shared.security.JwtProperties;
import io.staybook.shared.security.Role;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What every authenticated request needs to know of its account, beyond the signed token: that it still exists, its
 * role now, and its token version (see {@link Users#revokeTokens}). One primary-key lookup, kept per node for at most
 * {@code staybook.jwt.account-cache-ttl} (default 1 second) and dropped on this node as soon as a change commits.
 * <p>
 * Why so short a cache, and not Redis: a revocation must take effect on every node, and PostgreSQL is the truth. With a
 * one-second cache a revoked token works at most one second longer on another node, and a busy client costs one indexed
 * lookup a second instead of one a request; a Redis copy would cost a network round trip per request too, as much as
 * the lookup it would save, and add a second place to keep right. {@code 0} switches the cache off (every request
 * reads the row). Anonymous requests never get here.
 * <p>
 * The lookup reads the two columns it needs in one auto-commit statement, outside any transaction: through Hibernate
 * it was a read-only transaction that loaded the whole row, password hash included, into an entity nobody kept
 * (issue 12: 6 % of a booking's CPU in a JFR profile with 50 guests, and in production, where a person's requests are
 * seconds apart, nearly every authenticated request pays it).
 */
@Component
class AccountStates {

	/** An account that exists and is not deleted: its role and the token version its access tokens must carry. */
	record State(Role role, int tokenVersion) {
	}

	private final Users users;

	private final JdbcClient jdbc;

	private final Cache<UUID, Optional<State>> cache;

	AccountStates(Users users, JdbcClient jdbc, JwtProperties settings) {
		this.users = users;
		this.jdbc = jdbc;
		this.cache = settings.accountCacheTtl().isPositive()
				? Caffeine.newBuilder().expireAfterWrite(settings.accountCacheTtl()).maximumSize(100_000).build()
				: null;
	}

	/** The account's state, or empty if it does not exist or is deleted. */
	Optional<State> current(UUID id) {
		return cache == null ? read(id) : cache.get(id, this::read);
	}

	/** Ends every access token of the account issued so far; in the caller's transaction. */
	void revokeTokens(UUID id) {
		users.revokeTokens(id);
		changed(id);
	}

	/** Ends every session and access token of the account; in the caller's transaction. */
	void endSessions(UUID id) {
		users.endSessions(id);
		changed(id);
	}

	/**
	 * Tells this node to forget what it knows of the account, now and again once the caller's transaction commits (a
	 * request in between could otherwise cache the row as it was before the commit).
	 */
	void changed(UUID id) {
		if (cache == null) {
			return;
		}
		cache.invalidate(id);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					cache.invalidate(id);
				}
			});
		}
	}

	private Optional<State> read(UUID id) {
		return jdbc.sql("select role, token_version from users where id = ? and deleted_at is null")
			.param(id)
			.query((row, n) -> new State(JsonEnums.fromJson(Role.class, row.getString(1)), row.getInt(2)))
			.optional();
	}
}
