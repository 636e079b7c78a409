package io.staybook.notification;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.shared.jobs.Jobs;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Schedules mail. Must be called inside the transaction of the change the mail announces. */
@Service
public class Notifications {

	private final Jobs jobs;

	private final OneTimeTask<Mail> sendMail;

	Notifications(Jobs jobs, OneTimeTask<Mail> sendMailTask) {
		this.jobs = jobs;
		this.sendMail = sendMailTask;
	}

	/** Sends {@code mail} once the current transaction commits; nothing if it rolls back. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void send(Mail mail) {
		jobs.runAfterCommit(sendMail.instance(mail.key(), mail));
	}
}
