package io.staybook.user;

import io.staybook.notification.Mail;
import io.staybook.notification.Notifications;
import io.staybook.user.AccountTokens.Issued;
import io.staybook.user.AccountTokens.Purpose;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Issues a one-time token and mails it (templates {@code mail/account_*.txt|.html}), in the caller's transaction: the
 * mail is sent by the {@code send-mail} job once it commits, and never if it rolls back. Each mail's key holds the
 * token's row id, so it is sent once.
 */
@Component
class AccountLinks {

	private final AccountTokens tokens;

	private final Notifications notifications;

	private final AccountSettings settings;

	AccountLinks(AccountTokens tokens, Notifications notifications, AccountSettings settings) {
		this.tokens = tokens;
		this.notifications = notifications;
		this.settings = settings;
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
	 * Ends the account's pending e-mail changes: after a new password, whoever asked for one with the old password
	 * cannot complete it.
	 */
	void cancelEmailChanges(java.util.UUID userId) {
		tokens.endUnused(userId, Purpose.EMAIL_CHANGE);
	}

	private void mail(Issued token, String to, String template, Map<String, String> variables) {
		Map<String, String> all = new java.util.HashMap<>(variables);
		all.put("token", token.secret());
		all.put("valid_for", describe(token.validFor()));
		notifications.send(new Mail("account-token:" + token.id(), to, template, all));
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
