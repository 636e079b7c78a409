package io.staybook.notification;

import io.staybook.shared.Ids;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The development mail catcher: with no SMTP server configured and {@code staybook.mail.inbox.enabled} (on by default
 * exactly when demo data is, that is on the zero-setup run with the embedded database), every mail is also written as
 * an RFC 5322 {@code .eml} file into {@code staybook.mail.inbox.dir} (default {@code .staybook/mail}, beside the
 * embedded database), named by a time-ordered UUID, where any mail program opens it; admins read them at
 * {@code GET /api/v1/admin/mail}, with every mailed secret {@link #hide hidden}. Never on with SMTP configured
 * ({@code spring.mail.host}).
 * <p>
 * Why the API view hides the tokens and the file keeps them: the demo admin's password is public (README, start-up
 * log), so whoever signs in as that admin would otherwise read every reset token and take over any account; the
 * file is read only by whoever runs the service, who can already do anything with it: the inbox makes its directory
 * {@code rwx------} and every file {@code rw-------} (on a POSIX file system), whatever the umask, as PostgreSQL does
 * with its data directory beside it. A directory that already exists keeps its permissions.
 */
@Component
public class MailInbox {

	private static final Session SESSION = Session.getInstance(new Properties());

	/** The files this inbox wrote: {@code <uuid>.eml}; anything else in the directory is left alone. */
	private static final Pattern MAIL_FILE = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.eml");

	/**
	 * The secrets the service mails, as they stand in a text or HTML body: the account tokens (verification, reset,
	 * e-mail change) are 256 random bits in URL-safe Base64 without padding, 43 characters (user module's
	 * {@code SecretTokens}), so any run of 43 or more such characters; longer too, so that a token glued to a word
	 * ({@code reset_<token>}) is hidden as well. Nothing else a mail holds is that long without a break (ids are
	 * 36-character UUIDs).
	 */
	private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43,}");

	/** Whether this file system has POSIX permissions (not on Windows), which {@link #keep} then restricts. */
	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	/** What a hidden secret reads as, as a message's hidden contact details do. */
	static final String HIDDEN = "[hidden]";

	private final boolean enabled;

	private final Path dir;

	/**
	 * @param enabled {@code staybook.mail.inbox.enabled}
	 * @param dir {@code staybook.mail.inbox.dir}
	 * @param smtpHost {@code spring.mail.host}: with one, mail goes out over SMTP and the inbox is off whatever
	 * {@code enabled} says, as documented
	 */
	MailInbox(@Value("${staybook.mail.inbox.enabled:false}") boolean enabled,
			@Value("${staybook.mail.inbox.dir:.staybook/mail}") Path dir,
			@Value("${spring.mail.host:}") String smtpHost) {
		this.enabled = enabled && (smtpHost == null || smtpHost.isBlank());
		this.dir = dir;
	}

	/** One caught mail, as read back from its file, its secrets {@link #hide hidden}. */
	@Schema(name = "CaughtMail")
	public record CaughtMail(UUID id, String to, String subject,
			@Schema(nullable = true, description = "the plain-text body") String text,
			@Schema(nullable = true, description = "the HTML body") String html,
			Instant sentAt) {
	}

	/** Whether mails are caught here (when no SMTP server is configured). */
	public boolean enabled() {
		return enabled;
	}

	/** A new message, not sent anywhere: for {@link MailDelivery} to fill and hand to {@link #keep}. */
	MimeMessage blank() {
		return new MimeMessage(SESSION);
	}

	/** Writes the message as {@code <dir>/<uuid v7>.eml}, readable by the service's own user only. */
	void keep(MimeMessage message) {
		try {
			Files.createDirectories(dir, ownerOnly("rwx------"));
			Path file = dir.resolve(Ids.newId() + ".eml");
			Path partial = Files.createFile(dir.resolve(file.getFileName() + ".part"), ownerOnly("rw-------"));
			try (OutputStream out = Files.newOutputStream(partial)) {
				message.writeTo(out);
			}
			// readers never see a half-written file
			Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException("Could not write the mail to " + dir, ex);
		}
	}

	/** The permissions to create a file or directory with: {@code permissions} on POSIX, the defaults elsewhere. */
	private static FileAttribute<?>[] ownerOnly(String permissions) {
		return POSIX ? new FileAttribute<?>[] {
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)) }
				: new FileAttribute<?>[0];
	}

	/**
	 * The caught mails, newest first, optionally only those to {@code to} (any letter case); keyset-paged by file name.
	 */
	public Page<CaughtMail> list(String to, PageRequest page) {
		UUID before = page.afterId();
		if (!Files.isDirectory(dir)) {
			return Page.of(List.of(), page.limit(), mail -> mail.id().toString());
		}
		try (Stream<Path> files = Files.list(dir)) {
			List<CaughtMail> rows = files.map(file -> file.getFileName().toString())
				.filter(name -> MAIL_FILE.matcher(name).matches())
				.map(name -> UUID.fromString(name.substring(0, name.length() - 4)))
				.filter(id -> before == null || id.compareTo(before) < 0)
				.sorted(Comparator.reverseOrder())
				.map(this::read)
				.filter(mail -> to == null || mail.to().equalsIgnoreCase(to.strip()))
				.limit(page.fetchSize())
				.toList();
			return Page.of(rows, page.limit(), mail -> Cursors.encode(mail.id()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code text} with every secret it holds ({@link #SECRET}) replaced by {@value #HIDDEN}; null stays null. */
	static String hide(String text) {
		return text == null ? null : SECRET.matcher(text).replaceAll(HIDDEN);
	}

	private CaughtMail read(UUID id) {
		try (InputStream in = Files.newInputStream(dir.resolve(id + ".eml"))) {
			MimeMessage message = new MimeMessage(SESSION, in);
			MailBodies bodies = MailBodies.of(message);
			return new CaughtMail(id, message.getAllRecipients()[0].toString(), hide(message.getSubject()),
					hide(bodies.text()), hide(bodies.html()),
					message.getSentDate() == null ? null : message.getSentDate().toInstant());
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException("Could not read the mail " + id, ex);
		}
	}
}
