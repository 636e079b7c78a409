package io.staybook.user;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface Users extends JpaRepository<User, UUID> {

	/** Case-insensitive through the {@code citext} column, and so through its unique index. */
	@Query(value = "select * from users where email = cast(:email as citext) and deleted_at is null",
			nativeQuery = true)
	Optional<User> findByEmail(String email);

	/**
	 * {@link #findByEmail}, the row locked ({@code for no key update}) until the transaction ends: a deletion under way
	 * (which holds the row) is waited for, and the row, read again once it has committed, no longer has the address.
	 */
	@Query(value = "select * from users where email = cast(:email as citext) and deleted_at is null"
			+ " for no key update", nativeQuery = true)
	Optional<User> findByEmailForUpdate(String email);

	@Query("select u from User u where u.id = :id and u.deletedAt is null")
	Optional<User> findActive(UUID id);

	/**
	 * The public summaries (id, first name) of these accounts, deleted ones included (their first name is already
	 * "Deleted"): two columns straight into records, no entity loaded, so no password hash read (issue 12).
	 */
	@Query("select new io.staybook.user.UserSummary(u.id, u.firstName) from User u where u.id in :ids")
	List<UserSummary> findSummaries(Collection<UUID> ids);

	/**
	 * {@link #findActive} with the row locked until the transaction ends: a write that depends on the password hash read
	 * before (a login, a password change) is so serialised with any other change of it.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.id = :id and u.deletedAt is null")
	Optional<User> findActiveForUpdate(UUID id);

	/**
	 * The active account holding the refresh token whose hash is {@code tokenHash}, if the token is of the account's
	 * current session generation (see {@link #endSessions}), its row locked until the transaction ends
	 * ({@code for no key update}: the lock a plain update of the row takes; a row changed meanwhile is judged as
	 * committed, its generation included). Every change of an
	 * account's refresh tokens (issuing, rotating, revoking one family or all) locks the account's row first and the
	 * tokens' rows after, so that they are serialised in one order: a password change then revokes every token
	 * committed before it, a refresh after it sees its revocation, and none of them deadlocks another.
	 */
	@Query(value = """
			select u.* from users u join refresh_tokens t on t.user_id = u.id
			where t.token_hash = :tokenHash and t.session_generation = u.session_generation and u.deleted_at is null
			for no key update of u""", nativeQuery = true)
	Optional<User> findActiveByRefreshTokenForUpdate(String tokenHash);

	/**
	 * Ends every access token of the account issued so far: they carry the old {@code token_version}. An atomic
	 * increment, so concurrent revocations never undo each other.
	 */
	@Modifying(flushAutomatically = true)
	@Query(value = "update users set token_version = token_version + 1 where id = :id", nativeQuery = true)
	int revokeTokens(UUID id);

	/**
	 * Ends every session of the account ({@code session_generation}: refresh tokens of an earlier generation are void,
	 * whatever their rows say; see {@link #findActiveByRefreshTokenForUpdate}) and every access token
	 * ({@link #revokeTokens}). Atomic increments, as there.
	 */
	@Modifying(flushAutomatically = true)
	@Query(value = """
			update users set token_version = token_version + 1, session_generation = session_generation + 1
			where id = :id""", nativeQuery = true)
	int endSessions(UUID id);

	/** Newest first, keyset-paged by id (ids are time-ordered). */
	@Query(value = """
			select * from users
			where deleted_at is null
			  and (cast(:role as text) is null or role = cast(:role as text))
			  and (cast(:email as text) is null or email = cast(:email as citext))
			  and (cast(:before as uuid) is null or id < cast(:before as uuid))
			order by id desc
			limit :limit
			""", nativeQuery = true)
	List<User> list(String role, String email, UUID before, int limit);
}
