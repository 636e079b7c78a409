package io.staybook.notification;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.shared.jobs.Jobs;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules mail ({@link #send}, inside the transaction of the change the mail announces), or sends it from a job
 * that composed it ({@link #deliver}).
 */
@Service
public class Notifications {

	private final Jobs jobs;

	private final OneTimeTask<Mail> sendMail;

	private final MailDelivery delivery;

	Notifications(Jobs jobs, OneTimeTask<Mail> sendMailTask, MailDelivery delivery) {
		this.jobs = jobs;
		this.sendMail = sendMailTask;
		this.delivery = delivery;
	}

	/** Sends {@code mail} once the current transaction commits; nothing if it rolls back. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void send(Mail mail) {
		jobs.runAfterCommit(sendMail.instance(mail.key(), mail));
	}

	/**
	 * Sends now, in the calling job, each of {@code mails} whose key has not been sent: a mail sent by an earlier run of
	 * the job is skipped, so that a job retried after sending some of its mails sends each once. Throws (for the job
	 * to be retried) on the first mail that cannot be sent; those before it are recorded as sent.
	 */
	public void deliver(List<Mail> mails) {
		delivery.sendAll(mails);
	}

	/**
	 * Whether the mail with this key was sent (by {@link #deliver} or the {@code send-mail} job): a job that composes a
	 * mail with something it must not make twice (a one-time token) asks before making it.
	 */
	public boolean wasSent(String key) {
		return delivery.wasSent(key);
	}
}
