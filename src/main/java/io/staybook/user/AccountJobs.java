package io.staybook.user;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.staybook.shared.jobs.Purge;
import io.staybook.shared.jobs.RetryPolicy;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code password-reset-mail} job (its data: the address asked for), which keeps the work that depends on whether
 * an account exists out of the request's answer ({@link AccountRecovery#requestPasswordReset}); and the purge of
 * account tokens a week past their expiry.
 */
@Configuration(proxyBeanMethods = false)
class AccountJobs {

	static final String PASSWORD_RESET_MAIL = "password-reset-mail";

	@Bean
	OneTimeTask<String> passwordResetMailTask(ObjectProvider<AccountRecovery> recovery, RetryPolicy retries) {
		return Tasks.oneTime(PASSWORD_RESET_MAIL, String.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> recovery.getObject().mailResetToken(instance.getData()));
	}

	@Bean
	Purge accountTokensPurge() {
		return new Purge("account_tokens", "expires_at", Duration.ofDays(7));
	}
}
