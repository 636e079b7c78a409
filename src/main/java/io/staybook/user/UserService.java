package io.staybook.user;

import io.staybook.shared.DomainException;
import io.staybook.shared.ratelimit.RateLimits;
import io.staybook.shared.JsonEnums;
import io.staybook.shared.database.ReplicaReads;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.security.Actor;
import io.staybook.shared.security.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/** Registration, profiles and account deletion, with the rules of who may see and change which account. */
@Service
public class UserService {

	private final Users users;

	private final PasswordHashing passwords;

	private final Sessions sessions;

	private final AccountStates accounts;

	private final List<AccountDeletionPolicy> deletionPolicies;

	private final Clock clock;

	private final TransactionOperations transactions;

	private final ApplicationEventPublisher events;

	private final AccountLinks links;

	private final RateLimits limits;

	private final Idempotent idempotent;

	UserService(Users users, PasswordHashing passwords, Sessions sessions, AccountStates accounts,
			List<AccountDeletionPolicy> deletionPolicies, Clock clock, TransactionOperations transactions,
			ApplicationEventPublisher events, AccountLinks links, RateLimits limits, Idempotent idempotent) {
		this.limits = limits;
		this.idempotent = idempotent;
		this.events = events;
		this.links = links;
		this.users = users;
		this.passwords = passwords;
		this.sessions = sessions;
		this.accounts = accounts;
		this.deletionPolicies = deletionPolicies;
		this.clock = clock;
		this.transactions = transactions;
	}

	/** A new account: its names, email, password (in clear, hashed before it is stored), optional phone and role. */
	public record Registration(String firstName, String lastName, String email, String password, String phoneNumber,
			Role role) {
	}

	/** A change of one's own account; null fields stay as they are. {@code email} needs {@code currentPassword}. */
	public record ProfileChange(String firstName, String lastName, String phoneNumber, String password,
			String currentPassword, Role role, String email) {
	}

	/**
	 * A registration checked and with its password hashed, ready to be stored by {@link #create}. Made outside any
	 * transaction, since the hash is slow (see {@link PasswordHashing}); holds no password, only its hash.
	 */
	public static final class NewAccount {

		private final Registration registration;

		private final Role role;

		private final String passwordHash;

		/** Admins and demo accounts start verified; everyone else gets a verification mail. */
		private final boolean verified;

		private NewAccount(Registration registration, Role role, String passwordHash, boolean verified) {
			this.registration = registration;
			this.role = role;
			this.passwordHash = passwordHash;
			this.verified = verified;
		}
	}

	/**
	 * Anyone may register as a guest (the default) or a host; admins exist only by configuration. Checks the role and
	 * hashes the password, with no transaction (a caller inside one gets {@link IllegalStateException}).
	 * @throws DomainException 400 {@code validation_failed} for the role admin, 503 {@code service_unavailable} when
	 * too many passwords are being hashed at once
	 */
	public NewAccount prepareRegistration(Registration registration) {
		Role role = registration.role() == null ? Role.GUEST : registration.role();
		if (role == Role.ADMIN) {
			throw DomainException.invalidField("role", "must be one of: guest, host");
		}
		return prepare(registration, role, false);
	}

	/**
	 * Stores a prepared account; joins the caller's transaction if there is one. The email's unique constraint decides
	 * between two registrations of one address.
	 * @throws DomainException 409 {@code email_taken}
	 */
	public UserProfile create(NewAccount account) {
		return transactions.execute(status -> insert(account));
	}

	/** {@link #prepareRegistration} and {@link #create}, for a caller with no idempotency key to keep. */
	public UserProfile register(Registration registration) {
		return create(prepareRegistration(registration));
	}

	/** Creates an admin account, for the configured first admin and the demo data; verified, no mail sent. */
	public UserProfile createAdmin(Registration registration) {
		return create(prepare(registration, Role.ADMIN, true));
	}

	/** A demo account: registered as anyone is, but verified and sent no mail (its address reads no mail). */
	UserProfile registerDemo(Registration registration) {
		Role role = registration.role() == null ? Role.GUEST : registration.role();
		return create(prepare(registration, role, true));
	}

	private NewAccount prepare(Registration registration, Role role, boolean verified) {
		String hash = passwords.hash(registration.password());
		Registration withoutPassword = new Registration(registration.firstName(), registration.lastName(),
				registration.email(), null, registration.phoneNumber(), registration.role());
		return new NewAccount(withoutPassword, role, hash, verified);
	}

	private UserProfile insert(NewAccount account) {
		Registration registration = account.registration;
		if (users.findByEmail(User.address(registration.email())).isPresent()) {
			throw emailTaken();
		}
		User user = new User(registration.firstName().strip(), registration.lastName().strip(),
				registration.email(), account.passwordHash, blankToNull(registration.phoneNumber()),
				account.role, clock.instant());
		if (account.verified) {
			user.markVerified();
		}
		try {
			users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			// two registrations of one address raced past the check above; the unique constraint decided
			if (SqlStates.violates(ex, "users_email_key")) {
				throw emailTaken();
			}
			throw ex;
		}
		if (!account.verified) {
			// the mail goes out only if the account commits (and, replayed under its Idempotency-Key, not again)
			links.verifyEmail(user);
		}
		return user.profile(true);
	}

	/**
	 * What a registration under an {@code Idempotency-Key} keeps with the key beside its answer: the prepared
	 * account's Argon2 hash, to tell a repeat of this request (whose {@code password} made it) from another one
	 * however the account's password changes meanwhile, and the account created; judged by {@link #registeredWith}.
	 */
	public Idempotent.Secret<UserProfile> registrationSecret(NewAccount account, String password) {
		return new Idempotent.Secret<>(account.passwordHash, UserProfile::id,
				(first, keptHash) -> registeredWith(first.id(), password, keptHash));
	}

	/**
	 * For the replay of a registration under its {@code Idempotency-Key}: whether {@code password} is the password
	 * that registration sent, checked against {@code keptHash}, the Argon2 hash kept with the key (or, for a key kept
	 * before such hashes were, null, against the account's current hash). So a repeat of the first request is replayed
	 * even after the password changed, as the contract has a repeat answered, and another password is another request;
	 * the password is never kept but as a slow hash. The account is read in a short transaction of its own and the
	 * hash checked with none held.
	 * @throws DomainException 409 {@code account_deleted} when the account has been deleted since: the first answer
	 * names an account that no longer exists, and the key can only be told so, not that its request was another one
	 */
	boolean registeredWith(UUID id, String password, String keptHash) {
		User user = users.findById(id).orElse(null);
		if (user == null || user.isDeleted()) {
			throw DomainException.conflict("account_deleted", "The account this Idempotency-Key registered has been"
					+ " deleted since; register again with a new Idempotency-Key.");
		}
		return password != null && passwords.matches(password, keptHash != null ? keptHash : user.passwordHash());
	}

	/** Whether an account has this email (stripped and composed as accounts keep it, any letter case). */
	@Transactional(readOnly = true)
	public boolean emailExists(String email) {
		return users.findByEmail(User.address(email)).isPresent();
	}

	/** The demo accounts of {@code role} that exist (none unless demo data was loaded), in the demo's order. */
	@Transactional(readOnly = true)
	public List<UUID> demoAccounts(Role role) {
		return UserDemoData.ACCOUNTS.stream()
			.filter(account -> account.role() == role)
			.flatMap(account -> users.findByEmail(account.email()).map(User::getId).stream())
			.toList();
	}

	/** Public summaries (first names) by id, for showing hosts, authors and guests; one query for any number of ids. */
	@Transactional(readOnly = true)
	@ReplicaReads
	public Map<UUID, UserSummary> summaries(Collection<UUID> ids) {
		Map<UUID, UserSummary> summaries = new HashMap<>();
		if (!ids.isEmpty()) {
			users.findSummaries(Set.copyOf(ids)).forEach(summary -> summaries.put(summary.id(), summary));
		}
		return summaries;
	}

	/** Names and addresses of accounts that are not deleted, for mail; one query for any number of ids. */
	@Transactional(readOnly = true)
	public Map<UUID, Contact> contacts(Collection<UUID> ids) {
		Map<UUID, Contact> contacts = new HashMap<>();
		users.findAllById(Set.copyOf(ids))
			.stream()
			.filter(user -> !user.isDeleted())
			.forEach(user -> contacts.put(user.getId(), user.contact()));
		return contacts;
	}

	/** The role of an account that exists and is not deleted. */
	@Transactional(readOnly = true)
	public Optional<Role> activeRole(UUID id) {
		return users.findActive(id).map(User::role);
	}

	/**
	 * The actor's own full profile.
	 * @throws DomainException 404 when the account is gone
	 */
	@Transactional(readOnly = true)
	public UserProfile me(Actor actor) {
		return active(actor.id()).profile(true);
	}

	/** The full profile for the account itself and admins; the public one for everyone else, anonymous included. */
	@Transactional(readOnly = true)
	public UserProfile profile(Actor viewer, UUID id) {
		return active(id).profile(viewer != null && viewer.isSelfOrAdmin(id));
	}

	/**
	 * Changes the caller's own account. A new password or e-mail address needs the current password; it is checked and
	 * the new one hashed with no transaction held (see {@link PasswordHashing}), and the change is written in a short
	 * transaction that refuses it if the password changed meanwhile. A new password ends every session and access
	 * token of the account, and every reset link and e-mail change mailed before it. A new address takes effect only when the token mailed to it comes back
	 * ({@link AccountRecovery#verifyEmail}); until then the account keeps, and logs in with, the old one, which is told.
	 * A request with a new password takes one from {@link RateLimits#PASSWORD_CHANGE}, one with a new address one from
	 * {@link RateLimits#EMAIL_CHANGE}, whatever its outcome, before the current password is checked: so that a stolen
	 * access token cannot guess the password without end, nor mail any number of addresses, over REST or GraphQL.
	 * @throws DomainException 400 {@code validation_failed} (current_password missing or wrong), 403
	 * {@code role_change_refused}, 409 {@code concurrent_update} if the password changed during the request, 409
	 * {@code email_taken} for an address another account has, 429 {@code too_many_requests}
	 */
	public UserProfile updateMe(Actor actor, ProfileChange change) {
		if (change.email() != null) {
			limits.acquire(RateLimits.EMAIL_CHANGE, actor.id().toString(), "too_many_requests",
					"Too many email changes for this account; try again later.");
		}
		if (change.password() != null) {
			limits.acquire(RateLimits.PASSWORD_CHANGE, actor.id().toString(), "too_many_requests",
					"Too many password changes for this account; try again later.");
		}
		String checkedHash = null;
		String newHash = null;
		if (change.password() != null || change.email() != null) {
			if (change.currentPassword() == null) {
				throw DomainException.invalidField("current_password",
						"is required to change the " + (change.password() != null ? "password" : "email"));
			}
			checkedHash = active(actor.id()).passwordHash();
			if (!passwords.matches(change.currentPassword(), checkedHash)) {
				throw DomainException.invalidField("current_password", "is not the current password");
			}
		}
		if (change.password() != null) {
			newHash = passwords.hash(change.password());
		}
		String expectedHash = checkedHash;
		String replacement = newHash;
		return transactions.execute(status -> apply(actor, change, expectedHash, replacement));
	}

	private UserProfile apply(Actor actor, ProfileChange change, String expectedHash, String newHash) {
		User user = expectedHash == null ? active(actor.id())
				: users.findActiveForUpdate(actor.id()).orElseThrow(() -> DomainException.notFound("User"));
		Instant now = clock.instant();
		if (change.firstName() != null || change.lastName() != null) {
			user.rename(strip(change.firstName()), strip(change.lastName()), now);
			if (change.firstName() != null) {
				// in this transaction: the listeners' cache evictions take effect when it commits
				events.publishEvent(new AccountRenamed(user.getId()));
			}
		}
		if (change.phoneNumber() != null) {
			user.changePhoneNumber(change.phoneNumber().strip(), now);
		}
		if (change.role() != null && change.role() != user.role()) {
			if (user.role() != Role.GUEST || change.role() != Role.HOST) {
				throw DomainException.forbidden("role_change_refused", "The role can only change from guest to host.");
			}
			user.becomeHost(now);
			accounts.changed(user.getId());
		}
		// the password (checked for a new password or address) must be the one checked, read under the row's lock
		if (expectedHash != null && !user.passwordHash().equals(expectedHash)) {
			throw DomainException.conflict("concurrent_update",
					"The password was changed by another request; retry with the current one.");
		}
		if (newHash != null) {
			user.changePasswordHash(newHash, now);
			// a new password ends every session that the old one opened, and their access tokens
			sessions.revokeAll(user.getId());
			// and any e-mail change asked for, or reset link mailed, before it; the address is told
			links.endLinksOfOldPassword(user.getId());
			links.passwordChanged(user, false);
		}
		// after the password: one request may change both, and its e-mail change then stands
		if (change.email() != null && !User.address(change.email()).equalsIgnoreCase(user.email())) {
			String newEmail = User.address(change.email());
			if (users.findByEmail(newEmail).isPresent()) {
				throw emailTaken();
			}
			links.changeEmail(user, newEmail);
		}
		return user.profile(true);
	}

	/** Admins only: every account, newest first, optionally of one role or one address. */
	@Transactional(readOnly = true)
	public Page<UserProfile> list(Actor actor, Role role, String email, PageRequest page) {
		if (!actor.isAdmin()) {
			throw DomainException.forbidden("admin_only", "Only admins may list users.");
		}
		UUID before = page.afterId();
		List<User> rows = users.list(role == null ? null : JsonEnums.toJson(role), User.address(blankToNull(email)), before,
				page.fetchSize());
		return Page.of(rows, page.limit(), user -> Cursors.encode(user.getId())).map(user -> user.profile(true));
	}

	/**
	 * The account itself or an admin; refused (409 {@code has_upcoming_stays}) while the account has paid stays that
	 * have not ended. The account is anonymised and marked deleted first, written at once, so that the deletion
	 * policies that then run in this transaction (a host's listings go, holds are cancelled: the README's "Removal
	 * rules") mail no one at this account, and so that a booking being made for it meanwhile waits and then fails.
	 */
	@Transactional
	public void delete(Actor actor, UUID id) {
		// locked first, as every change of the account's sessions locks it (see Sessions)
		User user = users.findActiveForUpdate(id).orElseThrow(() -> DomainException.notFound("User"));
		if (!actor.isSelfOrAdmin(id)) {
			throw DomainException.forbidden("not_your_account", "You may delete only your own account.");
		}
		user.delete(clock.instant());
		// its name is anonymised: whatever shows it is told, as for a rename
		events.publishEvent(new AccountRenamed(id));
		users.flush();
		deletionPolicies.forEach(policy -> policy.checkDeletable(id));
		deletionPolicies.forEach(policy -> policy.onDeleted(id, actor.id()));
		// ends its refresh and access tokens; the account is gone for authentication on this node at once
		sessions.revokeAll(id);
		// GDPR erasure: the answers its Idempotency-Keys kept name it (a registration's: its name, address, phone)
		idempotent.erase(id, new UserProfile(id, null, null, null, null, null, null, null, false));
	}

	private User active(UUID id) {
		return users.findActive(id).orElseThrow(() -> DomainException.notFound("User"));
	}


	private static DomainException emailTaken() {
		return DomainException.conflict("email_taken", "An account with this email already exists.");
	}

	private static String strip(String value) {
		return value == null ? null : value.strip();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
