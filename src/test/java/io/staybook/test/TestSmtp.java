package io.staybook.test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One real SMTP server (GreenMail) for the whole test JVM, on a free port, which tests may stop and start again to
 * simulate an outage. {@link Initializer} points an application context at it and lets that context run jobs.
 */
public final class TestSmtp {

	private static final int PORT = freePort();

	private static GreenMail server;

	private TestSmtp() {
	}

	public static synchronized GreenMail server() {
		if (server == null) {
			start();
		}
		return server;
	}

	public static synchronized void start() {
		server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
	}

	public static synchronized void stop() {
		if (server != null) {
			server.stop();
		}
	}

	/** Every mail received so far to {@code address}. */
	public static MimeMessage[] mailsTo(String address) {
		return java.util.Arrays.stream(server().getReceivedMessages()).filter(message -> {
			try {
				return java.util.Arrays.stream(message.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toArray(MimeMessage[]::new);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** For {@link JobsTest}: SMTP at the test server, jobs run by this context, retries quick. */
	public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			server();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("testSmtp", Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port",
						String.valueOf(PORT), "staybook.jobs.run", "true", "staybook.jobs.first-retry-delay", "200ms",
						"staybook.jobs.max-retries", "4", "db-scheduler.polling-interval", "200ms")));
		}
	}
}
