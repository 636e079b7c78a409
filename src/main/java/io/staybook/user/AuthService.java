package io.staybook.user;

import io.staybook.shared.DomainException;
import io.staybook.shared.ratelimit.RateLimits;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/** Login, token refresh and logout. */
@Service
public class AuthService {

	private static final String DECOY_PASSWORD = "decoy password, never used";

	private final Users users;

	private final Sessions sessions;

	private final PasswordHashing passwords;

	private final RateLimits limits;

	private final TransactionOperations transactions;

	/**
	 * Checked against when the email is unknown, so that both failures take as long as each other. Made on a thread of
	 * its own, off the start's path: the first Argon2 hash of a JVM runs interpreted and took about a second of the
	 * start (docs/benchmarks.md, "Where start-up goes"); a login that comes before it is done waits for it.
	 */
	private final FutureTask<String> decoyHash;

	AuthService(Users users, Sessions sessions, PasswordHashing passwords, RateLimits limits,
			TransactionOperations transactions) {
		this.users = users;
		this.sessions = sessions;
		this.passwords = passwords;
		this.limits = limits;
		this.transactions = transactions;
		this.decoyHash = new FutureTask<>(() -> passwords.hash(DECOY_PASSWORD));
		Thread.ofPlatform().name("password-decoy").daemon().start(decoyHash);
	}

	/**
	 * A wrong email and a wrong password give the same answer, in about the same time. The account is read in one short
	 * transaction, the password checked with no connection held ({@link PasswordHashing}), and the session opened in a
	 * second one, which refuses the login if the password changed meanwhile. A hash made with weaker parameters than
	 * today's is replaced by a new one of the same password. Two rate limits ({@link RateLimits}) come first: the
	 * contract's throttle, 5 failures per email (any letter case, as the database matches addresses) within 15
	 * minutes ({@link RateLimits#LOGIN_EMAIL}, which only failures use up and a success empties), and attempts per
	 * client address whatever the email
	 * ({@link RateLimits#LOGIN_IP}), so that one address cannot guess across many emails.
	 * @param clientAddress the address the request came from, or null when unknown
	 * @throws DomainException 401 {@code invalid_credentials}, 429 {@code too_many_login_attempts}, 503
	 * {@code service_unavailable} when too many passwords are being checked at once
	 */
	public TokenPair login(String email, String password, String clientAddress) {
		// both throttles before the database is asked: a flood of refused attempts costs no query. The email's bucket
		// is one per account whatever spelling of its address is typed: RateLimits keys letter case as PostgreSQL's
		// citext matches it ('İ' included)
		limits.blockedFor(RateLimits.LOGIN_EMAIL, email).ifPresent(wait -> {
			throw DomainException.tooManyRequests("too_many_login_attempts",
					"Too many failed logins for this email; try again later.", wait);
		});
		limits.acquire(RateLimits.LOGIN_IP, clientAddress, "too_many_login_attempts",
				"Too many logins from this address; try again later.");
		Optional<User> found = users.findByEmail(User.address(email));
		String hash = found.map(User::passwordHash).orElseGet(this::decoyHash);
		boolean matches = passwords.matches(password, hash);
		if (found.isEmpty() || !matches) {
			limits.record(RateLimits.LOGIN_EMAIL, email);
			throw invalidCredentials();
		}
		limits.reset(RateLimits.LOGIN_EMAIL, email);
		String stronger = passwords.isOutdated(hash) ? passwords.hash(password) : null;
		return transactions.execute(status -> {
			User user = users.findActiveForUpdate(found.get().getId())
				.filter(current -> current.passwordHash().equals(hash))
				.orElseThrow(AuthService::invalidCredentials);
			if (stronger != null) {
				user.rehashPassword(stronger);
			}
			return sessions.open(user);
		});
	}

	/**
	 * Rotates the refresh token ({@link Sessions#refresh}). A reused token revokes its family, and that revocation is
	 * committed.
	 * @throws DomainException 401 {@code invalid_refresh_token}
	 */
	@Transactional(noRollbackFor = DomainException.class)
	public TokenPair refresh(String refreshToken) {
		return sessions.refresh(refreshToken);
	}

	/** Ends the session of the refresh token, and the access tokens of its account (see {@link Sessions}). */
	@Transactional
	public void logout(String refreshToken) {
		sessions.close(refreshToken);
	}

	private String decoyHash() {
		try {
			return decoyHash.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the decoy hash was made", ex);
		}
		catch (ExecutionException ex) {
			// the start's attempt failed (all hash permits busy): this login makes one, under the usual bounds
			return passwords.hash(DECOY_PASSWORD);
		}
	}

	private static DomainException invalidCredentials() {
		return DomainException.unauthorized("invalid_credentials", "The email or password is wrong.");
	}
}
