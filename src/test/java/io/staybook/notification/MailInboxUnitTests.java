package io.staybook.notification;

import static java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE;
import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail catcher's view: every template that mails a token shows it hidden, and nothing else of the mail is; and
 * the catcher is off whenever SMTP is configured, whatever {@code staybook.mail.inbox.enabled} says.
 */
class MailInboxUnitTests {

	private static final String TOKEN = "2XtkG4L8xZpv-LAcRaAust_0123456789abcdefghij";

	private final MailTemplates templates = new MailTemplates();

	@Test
	void everyMailedTokenIsHiddenInEveryBody() {
		assertThat(TOKEN).hasSize(43);
		for (String template : new String[] { "account_verify_email", "account_password_reset",
				"account_email_change" }) {
			MailTemplates.Rendered mail = templates.render(template,
					Map.of("token", TOKEN, "first_name", "Ana", "valid_for", "30 minutes"));
			assertThat(mail.text()).as(template).contains(TOKEN);

			for (String body : new String[] { mail.text(), mail.html() }) {
				assertThat(MailInbox.hide(body)).as(template).doesNotContain(TOKEN.substring(0, 12))
					.doesNotContain(TOKEN.substring(30))
					.contains("[hidden]")
					.contains("Ana");
			}
		}
	}

	@Test
	void aTokenGluedToOtherWordCharactersOrInALinkIsHiddenToo() {
		assertThat(MailInbox.hide("https://app.example/reset?token=" + TOKEN + "&x=1"))
			.isEqualTo("https://app.example/reset?token=[hidden]&x=1");
		assertThat(MailInbox.hide("reset_" + TOKEN)).isEqualTo("[hidden]");
		assertThat(MailInbox.hide(null)).isNull();
	}

	@Test
	void whatIsNoSecretIsShownAsItIs() {
		String text = "Booking " + UUID.randomUUID() + " for 2 guests, total 120.00 USD; ana.lopez@example.com";

		assertThat(MailInbox.hide(text)).isEqualTo(text);
	}

	@Test
	void theCatcherIsOffWithSmtpConfigured() {
		Path dir = Path.of("target/inbox-unit");

		assertThat(new MailInbox(true, dir, "").enabled()).isTrue();
		assertThat(new MailInbox(true, dir, null).enabled()).isTrue();
		assertThat(new MailInbox(true, dir, "smtp.example.com").enabled()).isFalse();
		assertThat(new MailInbox(false, dir, "").enabled()).isFalse();
	}

	@Test
	void aKeptMailAndItsDirectoryAreOnlyForTheUserRunningTheService(@TempDir Path tmp)
			throws MessagingException, IOException {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
		Path dir = tmp.resolve("mail");
		MailInbox inbox = new MailInbox(true, dir, "");
		MimeMessage message = inbox.blank();
		message.setRecipients(RecipientType.TO, "ana@example.com");
		message.setSubject("Reset your Staybook password");
		message.setText("send this token:\n\n    " + TOKEN + "\n");

		inbox.keep(message);

		// the file holds the token in clear (README, "Reading mail on the zero-setup run"): nobody else may read it,
		// whatever the umask of whoever started the service
		assertThat(Files.getPosixFilePermissions(dir)).containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE, OWNER_EXECUTE);
		List<Path> files;
		try (Stream<Path> listed = Files.list(dir)) {
			files = listed.toList();
		}
		assertThat(files).singleElement()
			.satisfies(file -> assertThat(Files.getPosixFilePermissions(file))
				.containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE));
	}
}
