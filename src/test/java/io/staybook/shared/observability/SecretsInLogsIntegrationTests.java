package io.staybook.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.staybook.test.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Secrets a client sends (a calendar feed's {@code ?token=}, a bearer token) stay out of the log even when the request
 * around them is malformed (OWASP ASVS 4.0.3 V7.1.1, 5.0 V16.2.5). The tests' profile logs at WARN; these run with the
 * root logger at INFO, as production does, so that what the service's configuration leaves at INFO is seen.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsInLogsIntegrationTests {

	@LocalServerPort
	int port;

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private Level before;

	@BeforeEach
	void productionLogLevel() {
		before = root.getLevel();
		root.setLevel(Level.INFO);
	}

	@AfterEach
	void testLogLevel() {
		root.setLevel(before);
	}

	@Test
	void aFeedTokenInAMalformedRequestLineIsNotLogged(CapturedOutput output) throws IOException {
		String token = secret();

		String status = raw("GET /api/v1/properties/" + UUID.randomUUID() + "/calendar.ics?token=" + token
				+ "|x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(status).startsWith("HTTP/1.1 400");
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void aBearerTokenInAMalformedHeaderLineIsNotLogged(CapturedOutput output) throws IOException {
		String token = secret();

		String status = raw("GET /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
				+ "\u0001x\r\nConnection: close\r\n\r\n");

		assertThat(status).startsWith("HTTP/1.1 400");
		assertThat(output.getAll()).doesNotContain(token);
	}

	private static String secret() {
		return "secret" + UUID.randomUUID().toString().replace("-", "");
	}

	/** Sends {@code request} byte for byte (ISO-8859-1) on a connection of its own; the response's status line. */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			return response.substring(0, response.indexOf("\r\n"));
		}
	}
}
