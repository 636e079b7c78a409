package io.staybook.user;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.shared.DomainException;
import io.staybook.shared.Ids;
import io.staybook.shared.jobs.Jobs;
import io.staybook.shared.persistence.SqlStates;
import io.staybook.shared.ratelimit.RateLimits;
import io.staybook.user.AccountTokens.Purpose;
import io.staybook.user.AccountTokens.Redeemed;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * E-mail verification and password reset, after the OWASP Forgot Password Cheat Sheet
 * (https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html): tokens of 256 random bits, stored
 * only hashed, single-use, short-lived; the same answer, in the same time, whether or not an account has the address;
 * throttled; every session ended by a reset.
 */
@Service
public class AccountRecovery {

	private final Users users;

	private final AccountTokens tokens;

	private final AccountLinks links;

	private final Sessions sessions;

	private final PasswordHashing passwords;

	private final RateLimits limits;

	private final AccountSettings settings;

	private final Jobs jobs;

	private final OneTimeTask<String> resetTask;

	private final TransactionOperations transactions;

	private final Clock clock;

	AccountRecovery(Users users, AccountTokens tokens, AccountLinks links, Sessions sessions, PasswordHashing passwords,
			RateLimits limits, AccountSettings settings, Jobs jobs, OneTimeTask<String> passwordResetMailTask,
			TransactionOperations transactions, Clock clock) {
		this.users = users;
		this.tokens = tokens;
		this.links = links;
		this.sessions = sessions;
		this.passwords = passwords;
		this.limits = limits;
		this.settings = settings;
		this.jobs = jobs;
		this.resetTask = passwordResetMailTask;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Uses a token mailed at registration (the account's address is verified) or at an e-mail change (the account moves
	 * to the new address, verified, and every unused link mailed before, to either address, ends). One token, one use.
	 * @throws DomainException 400 {@code invalid_token} for an unknown, used or expired token, alike; 409
	 * {@code email_taken} when another account took the new address meanwhile (the token stays usable)
	 */
	@Transactional
	public void verifyEmail(String token, String clientAddress) {
		throttleTokens(clientAddress);
		User user = lockHolder(token);
		Redeemed redeemed = tokens.redeem(token, EnumSet.of(Purpose.VERIFY_EMAIL, Purpose.EMAIL_CHANGE))
			.orElseThrow(AccountRecovery::invalidToken);
		if (redeemed.purpose() == Purpose.VERIFY_EMAIL) {
			user.verifyEmail(clock.instant());
			return;
		}
		user.changeEmail(redeemed.newEmail(), clock.instant());
		try {
			users.flush();
		}
		catch (DataIntegrityViolationException ex) {
			// another account registered or moved to the address since the change was asked for
			if (SqlStates.violates(ex, "users_email_key")) {
				throw DomainException.conflict("email_taken", "An account with this email already exists.");
			}
			throw ex;
		}
		// every link mailed before ends: other changes of address, and the reset and verification links mailed to the
		// old one, which may no longer be its owner's (they would set the password of the account that moved away)
		tokens.endUnused(user.getId(), Purpose.EMAIL_CHANGE, Purpose.PASSWORD_RESET, Purpose.VERIFY_EMAIL);
	}

	/**
	 * Asks for a reset token to be mailed to {@code email}, if an account has it. Whether one does is never seen here:
	 * the request only takes from the throttles and schedules the {@code password-reset-mail} job (one insert, the same
	 * for every address), and that job looks the account up, makes the token and mails it. The throttles: per address
	 * mailed ({@link RateLimits#PASSWORD_RESET_EMAIL}, any letter case, whether or not an account has it) and per
	 * client address ({@link RateLimits#PASSWORD_RESET_IP}).
	 * @throws DomainException 429 {@code too_many_requests}, alike for known and unknown addresses
	 */
	public void requestPasswordReset(String email, String clientAddress) {
		limits.acquire(RateLimits.PASSWORD_RESET_IP, clientAddress, "too_many_requests",
				"Too many password reset requests from this address; try again later.");
		limits.acquire(RateLimits.PASSWORD_RESET_EMAIL, email, "too_many_requests",
				"Too many password reset requests for this email; try again later.");
		String address = User.address(email);
		transactions.executeWithoutResult(status -> jobs
			.runNewAfterCommit(resetTask.instance(Ids.newId().toString(), address)));
	}

	/**
	 * The {@code password-reset-mail} job's work: if an active account has {@code email}, its earlier reset tokens end
	 * and a new one is mailed to it; otherwise nothing (no mail to an address with no account: it would let anyone
	 * send mail to anyone). The account's row is locked first, as every change of its tokens locks it: a deletion
	 * under way is waited for, and then no token is made for, nor mailed to, the account it deleted.
	 */
	@Transactional
	void mailResetToken(String email) {
		users.findByEmailForUpdate(User.address(email)).ifPresent(links::resetPassword);
	}

	/**
	 * Sets a new password with a reset token: the password is hashed first, with no transaction held (and whatever the
	 * token, so a bad token costs what a good one does); then, in one transaction, the token is used, the password
	 * replaced, the address counted as verified, every other reset token and pending e-mail change ended, every session and access token of
	 * the account revoked, and the address told that its password changed. The login throttle of the address is emptied: its owner just proved to read its mail.
	 * @throws DomainException 400 {@code invalid_token} for an unknown, used or expired token, alike; 429
	 * {@code too_many_requests} over {@link RateLimits#ACCOUNT_TOKEN_IP}
	 */
	public void confirmPasswordReset(String token, String password, String clientAddress) {
		throttleTokens(clientAddress);
		String hash = passwords.hash(password);
		String email = transactions.execute(status -> {
			User user = lockHolder(token);
			tokens.redeem(token, List.of(Purpose.PASSWORD_RESET)).orElseThrow(AccountRecovery::invalidToken);
			user.resetPassword(hash, clock.instant());
			links.endLinksOfOldPassword(user.getId());
			sessions.revokeAll(user.getId());
			links.passwordChanged(user, true);
			return user.email();
		});
		limits.reset(RateLimits.LOGIN_EMAIL, email);
	}

	/**
	 * For the booking module: with {@code staybook.accounts.require-verified-email-to-book}, refuses an account whose
	 * address is not verified; without it, does nothing (and reads nothing).
	 * @throws DomainException 403 {@code email_not_verified}
	 */
	public void requireVerifiedToBook(UUID accountId) {
		if (!settings.requireVerifiedEmailToBook()) {
			return;
		}
		boolean verified = users.findActive(accountId).map(User::emailVerified).orElse(false);
		if (!verified) {
			throw DomainException.forbidden("email_not_verified",
					"Verify your email address before booking: send the token from the mail we sent you to"
							+ " POST /api/v1/auth/verify-email.");
		}
	}

	/**
	 * The active account the token belongs to, its row locked before {@link AccountTokens#redeem} locks the token's:
	 * the order of a password change, which locks the account and then ends its links ({@link Sessions}). The other
	 * order deadlocked a reset or an e-mail change's confirmation with a password change of the same account.
	 */
	private User lockHolder(String token) {
		return tokens.holder(token).flatMap(users::findActiveForUpdate).orElseThrow(AccountRecovery::invalidToken);
	}

	private void throttleTokens(String clientAddress) {
		limits.acquire(RateLimits.ACCOUNT_TOKEN_IP, clientAddress, "too_many_requests",
				"Too many tokens tried from this address; try again later.");
	}

	private static DomainException invalidToken() {
		return DomainException.badRequest("invalid_token", "The token is invalid, used or expired.");
	}
}
