package io.staybook.notification;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.staybook.shared.jobs.RetryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code send-mail} job: retried with back-off while SMTP fails, then dead-lettered. */
@Configuration(proxyBeanMethods = false)
class MailJob {

	static final String NAME = "send-mail";

	@Bean
	OneTimeTask<Mail> sendMailTask(MailDelivery sender, RetryPolicy retries) {
		return Tasks.oneTime(NAME, Mail.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> sender.send(instance.getData()));
	}
}
