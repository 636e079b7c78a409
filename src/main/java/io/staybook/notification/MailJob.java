package io.staybook.notification;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.staybook.shared.jobs.JobSettings;
import io.staybook.shared.jobs.Purge;
import io.staybook.shared.jobs.RetentionSettings;
import io.staybook.shared.jobs.RetryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code send-mail} job: retried with back-off while SMTP fails, then dead-lettered. Its record of sent mails is
 * kept {@code staybook.retention.sent-mails}, longer than any retry of the job, so a retried job never sends twice.
 */
@Configuration(proxyBeanMethods = false)
class MailJob {

	static final String NAME = "send-mail";

	@Bean
	OneTimeTask<Mail> sendMailTask(MailDelivery delivery, RetryPolicy retries) {
		return Tasks.oneTime(NAME, Mail.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> delivery.send(instance.getData()));
	}

	@Bean
	Purge sentMailsPurge(RetentionSettings retention, JobSettings jobs) {
		return new Purge("sent_mails", "sent_at", retention.sentMails()).keepingAtLeast(jobs.retrySpan(),
				"a retried send-mail job finds its mail in sent_mails and does not send it again");
	}
}
