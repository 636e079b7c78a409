package io.staybook.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The templates' rendering: a value cannot break out of the subject line, and the HTML body escapes every value. */
class MailTemplatesUnitTests {

	private final MailTemplates templates = new MailTemplates();

	private static Map<String, String> digest(String senderName) {
		return Map.of("sender_name", senderName, "property_title", "Loft & Garden", "first_name", "Ana", "count", "1",
				"messages", "Hello", "conversation_id", "c1");
	}

	@Test
	void aValueWithLineBreaksStaysOnTheSubjectLine() {
		MailTemplates.Rendered mail = templates.render("message_digest", digest("Eve\r\nBcc: x@evil.test\u2028more"));

		assertThat(mail.subject()).isEqualTo("Eve Bcc: x@evil.test more wrote about Loft & Garden");
		assertThat(mail.text()).startsWith("Hello Ana,").doesNotStartWith("Bcc");
	}

	@Test
	void theBodiesKeepTheValuesAsWrittenAndTheHtmlEscapesThem() {
		MailTemplates.Rendered mail = templates.render("message_digest", digest("<b>Eve</b>"));

		assertThat(mail.subject()).isEqualTo("<b>Eve</b> wrote about Loft & Garden");
		assertThat(mail.html()).contains("&lt;b&gt;Eve&lt;/b&gt;").doesNotContain("<b>Eve</b>");
	}
}
