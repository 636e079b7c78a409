package io.staybook.user;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.staybook.shared.jobs.Purge;
import io.staybook.shared.jobs.RetryPolicy;
import io.staybook.shared.security.JwtProperties;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code password-reset-mail} job (its data: the address asked for), which keeps the work that depends on whether
 * an account exists out of the request's answer ({@link AccountRecovery#requestPasswordReset}); the
 * {@code account-token-mail} job, which draws a token's secret as it mails it ({@link AccountLinks}); and the purges
 * of account tokens a week past their expiry and of refresh tokens a token lifetime past theirs.
 */
@Configuration(proxyBeanMethods = false)
class AccountJobs {

	static final String PASSWORD_RESET_MAIL = "password-reset-mail";

	static final String TOKEN_MAIL = "account-token-mail";

	@Bean
	OneTimeTask<String> passwordResetMailTask(ObjectProvider<AccountRecovery> recovery, RetryPolicy retries) {
		return Tasks.oneTime(PASSWORD_RESET_MAIL, String.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> recovery.getObject().mailResetToken(instance.getData()));
	}

	/** Mails a one-time token, drawing its secret as it sends it ({@link AccountLinks#send}). */
	@Bean
	OneTimeTask<AccountLinks.TokenMail> tokenMailTask(ObjectProvider<AccountLinks> links, RetryPolicy retries) {
		return Tasks.oneTime(TOKEN_MAIL, AccountLinks.TokenMail.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> links.getObject().send(instance.getData()));
	}

	@Bean
	Purge accountTokensPurge() {
		return new Purge("account_tokens", "expires_at", Duration.ofDays(7));
	}

	/**
	 * Refresh tokens, once expired for a refresh token's lifetime: until then a replayed used one is still reuse and
	 * revokes its family ({@link Sessions#refresh}), for as long as the token it was exchanged for can live. The purge
	 * takes no account lock, where every session path locks the account's row before its tokens ({@link Sessions}); it
	 * keeps out of their way by skipping the token rows they hold ({@link io.staybook.shared.jobs.BatchedPurge}), so it
	 * never waits for a lock and no deadlock can include it.
	 */
	@Bean
	Purge refreshTokensPurge(JwtProperties jwt) {
		return new Purge("refresh_tokens", "expires_at", jwt.refreshTokenTtl());
	}
}
