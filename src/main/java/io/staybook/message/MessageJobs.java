package io.staybook.message;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.staybook.shared.jobs.RetryPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code message-digest} job ({@link MessageMails}): retried with back-off, then dead-lettered, as mails are. */
@Configuration(proxyBeanMethods = false)
class MessageJobs {

	@Bean
	OneTimeTask<MessageMails.Digest> messageDigestTask(ObjectProvider<MessageMails> mails, RetryPolicy retries) {
		return Tasks.oneTime(MessageMails.TASK, MessageMails.Digest.class)
			.onFailure(retries.retryThenDeadLetter())
			.execute((instance, context) -> mails.getObject().run(instance.getData()));
	}
}
