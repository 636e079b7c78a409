package io.staybook.booking;

import io.staybook.notification.MailBodies;
import io.staybook.test.TestSmtp;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** What the test SMTP server received, read as a person would: subject, plain-text part and HTML part. */
public final class ReceivedMails {

	private ReceivedMails() {
	}

	public record ReceivedMail(String subject, String text, String html) {
	}

	/** Every mail received so far to {@code address}. */
	public static List<ReceivedMail> to(String address) {
		return Arrays.stream(TestSmtp.mailsTo(address)).map(ReceivedMails::read).toList();
	}

	/** The mails to {@code address} whose subject starts with {@code prefix}. */
	public static List<ReceivedMail> to(String address, String subjectPrefix) {
		return to(address).stream().filter(mail -> mail.subject().startsWith(subjectPrefix)).toList();
	}

	private static ReceivedMail read(MimeMessage message) {
		try {
			MailBodies bodies = MailBodies.of(message);
			return new ReceivedMail(message.getSubject(), bodies.text(), bodies.html());
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
