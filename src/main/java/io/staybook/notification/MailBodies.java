package io.staybook.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/**
 * The plain-text and HTML bodies of a MIME message, as a person reads them: the first {@code text/plain} and the
 * first {@code text/html} part, depth first through {@code multipart/*} (the shape {@link MailDelivery} sends).
 *
 * @param text the plain-text body, or null if there is none
 * @param html the HTML body, or null if there is none
 */
public record MailBodies(String text, String html) {

	/** The bodies of {@code message}. */
	public static MailBodies of(Part message) throws MessagingException, IOException {
		String[] parts = new String[2];
		collect(message, parts);
		return new MailBodies(parts[0], parts[1]);
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
				collect(multipart.getBodyPart(i), parts);
			}
		}
	}
}
