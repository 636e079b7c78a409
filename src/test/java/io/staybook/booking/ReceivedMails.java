package io.staybook.booking;

import io.staybook.test.TestSmtp;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
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
			String[] parts = new String[2];
			collect(message, parts);
			return new ReceivedMail(message.getSubject(), parts[0], parts[1]);
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void collect(Part part, String[] parts) throws MessagingException, IOException {
		if (part.isMimeType("text/plain") && parts[0] == null) {
			parts[0] = (String) part.getContent();
		}
		else if (part.isMimeType("text/html") && parts[1] == null) {
			parts[1] = (String) part.getContent();
		}
		else if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				collect(child, parts);
			}
		}
	}
}
