package io.staybook.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Delivers one mail over SMTP (not named MailSender: Spring Boot's own SMTP bean is {@code mailSender}), or writes it to the log when no SMTP server is configured (and to the {@link MailInbox} when that is on). A mail whose key is in
 * {@code sent_mails} is not sent again, so a job that runs twice sends once.
 */
@Component
class MailDelivery {

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	private final MailTemplates templates;

	private final ObjectProvider<JavaMailSender> smtp;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String from;

	private final MailInbox inbox;

	MailDelivery(MailTemplates templates, ObjectProvider<JavaMailSender> smtp, JdbcClient jdbc, Clock clock,
			@Value("${staybook.mail.from:Staybook <no-reply@staybook.invalid>}") String from, MailInbox inbox) {
		this.inbox = inbox;
		this.templates = templates;
		this.smtp = smtp;
		this.jdbc = jdbc;
		this.clock = clock;
		this.from = from;
	}

	void send(Mail mail) {
		sendAll(List.of(mail));
	}

	/** Whether the mail with this key was sent (is in {@code sent_mails}). */
	boolean wasSent(String key) {
		return jdbc.sql("select exists (select 1 from sent_mails where mail_key = ?)").param(key).query(Boolean.class).single();
	}

	/** Sends each mail whose key is not in {@code sent_mails} (one query for all), recording each once sent. */
	void sendAll(List<Mail> mails) {
		if (mails.isEmpty()) {
			return;
		}
		Set<String> sent = Set.copyOf(jdbc.sql("select mail_key from sent_mails where mail_key = any(?)")
			.param(mails.stream().map(Mail::key).toArray(String[]::new))
			.query(String.class)
			.list());
		for (Mail mail : mails) {
			if (!sent.contains(mail.key())) {
				sendOne(mail);
			}
		}
	}

	private void sendOne(Mail mail) {
		MailTemplates.Rendered rendered = templates.render(mail.template(), mail.variables());
		JavaMailSender sender = smtp.getIfAvailable();
		if (sender == null) {
			// the subject only: a body may hold a one-time token, and secrets never go to the log
			if (inbox.enabled()) {
				inbox.keep(message(inbox.blank(), mail, rendered));
				log.info("Mail (no SMTP configured) to {}: \"{}\", kept in the mail inbox", mail.to(), rendered.subject());
			}
			else {
				log.warn("Mail (no SMTP configured) to {}: \"{}\", not sent: set spring.mail.host", mail.to(),
						rendered.subject());
			}
		}
		else {
			sender.send(message(sender.createMimeMessage(), mail, rendered));
		}
		jdbc.sql("insert into sent_mails (mail_key, recipient, template, sent_at) values (?, ?, ?, ?) on conflict do nothing")
			.params(mail.key(), mail.to(), mail.template(), Timestamp.from(clock.instant()))
			.update();
	}

	private MimeMessage message(MimeMessage message, Mail mail, MailTemplates.Rendered rendered) {
		try {
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(from);
			helper.setTo(mail.to());
			helper.setSubject(rendered.subject());
			helper.setText(rendered.text(), rendered.html());
			helper.setSentDate(java.util.Date.from(clock.instant()));
			return message;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Could not build the mail " + mail.key(), ex);
		}
	}
}
