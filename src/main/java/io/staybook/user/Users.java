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
	 * Ends every access token of the account issued so far: they carry the old {@code token_version}. An atomic
	 * increment, so concurrent revocations never undo each other.
	 */
	@Modifying(flushAutomatically = true)
	@Query(value = "update users set token_version = token_version + 1 where id = :id", nativeQuery = true)
	int revokeTokens(UUID id);

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
