package io.staybook.notification;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Schedules mail. Must be called inside the transaction of the change the mail announces. */
@Service
public class Notifications {

	private final SchedulerClient scheduler;

	private final OneTimeTask<Mail> sendMail;

	private final Clock clock;

	Notifications(SchedulerClient scheduler, OneTimeTask<Mail> sendMailTask, Clock clock) {
		this.scheduler = scheduler;
		this.sendMail = sendMailTask;
		this.clock = clock;
	}

	/** Sends {@code mail} once the current transaction commits; nothing if it rolls back. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void send(Mail mail) {
		scheduler.scheduleIfNotExists(sendMail.instance(mail.key(), mail), clock.instant());
	}
}
