package io.staybook.user;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.notification.Mail;
import io.staybook.notification.Notifications;
import io.staybook.shared.Ids;
import io.staybook.shared.jobs.Jobs;
import io.staybook.user.AccountTokens.Issued;
import io.staybook.user.AccountTokens.Purpose;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues a one-time token and mails it (templates {@code mail/account_*.txt|.html}). The caller's transaction inserts
 * the token's row without a hash and schedules the {@code account-token-mail} job, which runs once it commits (never
 * if it rolls back): the job draws the secret, stores its hash and sends the mail, so that the secret is written to no
 * table, the job's own data included (OWASP Forgot Password Cheat Sheet: tokens stored only as hashes). Each mail's key
 * holds the token's row id, so it is sent once; a job retried before sending draws a new secret.
 */
@Component
class AccountLinks {

	private final AccountTokens tokens;

	private final Notifications notifications;

	private final AccountSettings settings;

	private final Jobs jobs;

	private final OneTimeTask<TokenMail> tokenMailTask;

	AccountLinks(AccountTokens tokens, Notifications notifications, AccountSettings settings, Jobs jobs,
			OneTimeTask<TokenMail> tokenMailTask) {
		this.tokens = tokens;
		this.notifications = notifications;
		this.settings = settings;
		this.jobs = jobs;
		this.tokenMailTask = tokenMailTask;
	}

	/**
	 * The data of the {@code account-token-mail} job: the token's row and the mail to send it in, without the secret.
	 *
	 * @param variables the template's values but {@code token}, which the job adds
	 */
	record TokenMail(UUID tokenId, String to, String template, Map<String, String> variables) implements Serializable {

		TokenMail {
			variables = Map.copyOf(variables);
		}
	}

	/**
	 * The {@code account-token-mail} job's work: unless the mail was sent already, arms the token (a new secret, its
	 * hash stored) and sends it; nothing when the token was used, ended or expired meanwhile.
	 */
	void send(TokenMail mail) {
		String key = "account-token:" + mail.tokenId();
		if (notifications.wasSent(key)) {
			return;
		}
		tokens.arm(mail.tokenId()).ifPresent(secret -> {
			Map<String, String> variables = new HashMap<>(mail.variables());
			variables.put("token", secret);
			notifications.deliver(List.of(new Mail(key, mail.to(), mail.template(), variables)));
		});
	}

	/** The token that verifies the account's address, mailed to it (at registration). */
	void verifyEmail(User user) {
		Issued token = tokens.issue(user.getId(), Purpose.VERIFY_EMAIL, null, settings.verificationTtl());
		mail(token, user.contact().email(), "account_verify_email", Map.of("first_name", user.contact().firstName()));
	}

	/** A reset token for the account, mailed to its address; earlier unused reset tokens stop working. */
	void resetPassword(User user) {
		tokens.endUnused(user.getId(), Purpose.PASSWORD_RESET);
		Issued token = tokens.issue(user.getId(), Purpose.PASSWORD_RESET, null, settings.passwordResetTtl());
		mail(token, user.contact().email(), "account_password_reset", Map.of("first_name", user.contact().firstName()));
	}

	/**
	 * A token for moving the account to {@code newEmail}, mailed to that address (earlier unused ones stop working),
	 * and a notice to the current address, so that its owner learns of a change they did not ask for.
	 */
	void changeEmail(User user, String newEmail) {
		tokens.endUnused(user.getId(), Purpose.EMAIL_CHANGE);
		Issued token = tokens.issue(user.getId(), Purpose.EMAIL_CHANGE, newEmail, settings.emailChangeTtl());
		Contact contact = user.contact();
		mail(token, newEmail, "account_email_change", Map.of("first_name", contact.firstName()));
		notifications.send(new Mail("account-email-change-notice:" + token.id(), contact.email(),
				"account_email_change_notice", Map.of("first_name", contact.firstName(), "new_email", newEmail)));
	}

	/**
	 * Tells the account's address that its password changed ({@code with a reset token} or {@code with the current
	 * password}), sent once the caller's transaction commits: whoever reads that mailbox learns of a change they did
	 * not make (OWASP Forgot Password Cheat Sheet: notify the user once the password has been reset).
	 */
	void passwordChanged(User user, boolean byReset) {
		Contact contact = user.contact();
		notifications.send(new Mail("account-password-changed:" + Ids.newId(), contact.email(), "account_password_changed",
				Map.of("first_name", contact.firstName(), "how",
						byReset ? " with a reset token mailed to this address" : " by someone who knew the old one")));
	}

	/**
	 * Ends the account's unused reset tokens and pending e-mail changes, when its password changes (with the current
	 * one or a reset token): whoever asked for an e-mail change with the old password cannot complete it, and a reset
	 * link mailed before cannot set yet another password over the new one (OWASP Forgot Password Cheat Sheet: tokens
	 * are invalidated once used; a password changed otherwise leaves none behind).
	 */
	void endLinksOfOldPassword(UUID userId) {
		tokens.endUnused(userId, Purpose.PASSWORD_RESET, Purpose.EMAIL_CHANGE);
	}

	private void mail(Issued token, String to, String template, Map<String, String> variables) {
		Map<String, String> all = new HashMap<>(variables);
		all.put("valid_for", describe(token.validFor()));
		jobs.runNewAfterCommit(tokenMailTask.instance(token.id().toString(), new TokenMail(token.id(), to, template, all)));
	}

	/** "30 minutes", "48 hours", "7 days": how long a link works, as its mail says it. */
	static String describe(Duration duration) {
		if (duration.toMinutes() < 120) {
			long minutes = Math.max(1, duration.toMinutes());
			return minutes + (minutes == 1 ? " minute" : " minutes");
		}
		if (duration.toHours() <= 72) {
			return duration.toHours() + " hours";
		}
		return duration.toDays() + " days";
	}
}
