package io.staybook.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one mail over SMTP, or writes it to the log when no SMTP server is configured. A mail whose key is in
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

	MailDelivery(MailTemplates templates, ObjectProvider<JavaMailSender> smtp, JdbcClient jdbc, Clock clock,
			@Value("${staybook.mail.from:Staybook <no-reply@staybook.invalid>}") String from) {
		this.templates = templates;
		this.smtp = smtp;
		this.jdbc = jdbc;
		this.clock = clock;
		this.from = from;
	}

	void send(Mail mail) {
		boolean sent = jdbc.sql("select exists (select 1 from sent_mails where mail_key = ?)")
			.param(mail.key())
			.query(Boolean.class)
			.single();
		if (sent) {
			return;
		}
		MailTemplates.Rendered rendered = templates.render(mail.template(), mail.variables());
		JavaMailSender sender = smtp.getIfAvailable();
		if (sender == null) {
			log.info("Mail (no SMTP configured) to {}: {}\n{}", mail.to(), rendered.subject(), rendered.text());
		}
		else {
			sender.send(message(sender, mail, rendered));
		}
		jdbc.sql("insert into sent_mails (mail_key, recipient, template, sent_at) values (?, ?, ?, ?) on conflict do nothing")
			.params(mail.key(), mail.to(), mail.template(), Timestamp.from(clock.instant()))
			.update();
	}

	private MimeMessage message(JavaMailSender sender, Mail mail, MailTemplates.Rendered rendered) {
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(from);
			helper.setTo(mail.to());
			helper.setSubject(rendered.subject());
			helper.setText(rendered.text(), rendered.html());
			return message;
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Could not build the mail " + mail.key(), ex);
		}
	}
}
