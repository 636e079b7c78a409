package io.staybook.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.staybook.test.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

	/** Connections these tests opened so far: no more connection processors than that have logged a parse error. */
	private static int opened;

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

		List<String> statuses = sendAtOnce("GET /api/v1/properties/" + UUID.randomUUID() + "/calendar.ics?token=",
				token + "|x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(statuses).allMatch(status -> status.startsWith("HTTP/1.1 400"));
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void aBearerTokenInAMalformedHeaderLineIsNotLogged(CapturedOutput output) throws IOException {
		String token = secret();

		List<String> statuses = sendAtOnce("GET /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\n",
				"Authorization: Bearer " + token + "\u0001x\r\nConnection: close\r\n\r\n");

		assertThat(statuses).allMatch(status -> status.startsWith("HTTP/1.1 400"));
		assertThat(output.getAll()).doesNotContain(token);
	}

	private static String secret() {
		return "secret" + UUID.randomUUID().toString().replace("-", "");
	}

	/**
	 * Sends {@code start} on several connections, then {@code rest} on each (byte for byte, ISO-8859-1); the responses'
	 * status lines. Tomcat logs the first parse error of each connection processor at INFO and later ones at DEBUG, and
	 * reuses processors: connections held open together, more than were opened before, get some that have not logged.
	 */
	private List<String> sendAtOnce(String start, String rest) throws IOException {
		List<Socket> sockets = new ArrayList<>();
		int connections = opened + 4;
		opened += connections;
		try {
			for (int i = 0; i < connections; i++) {
				Socket socket = new Socket("localhost", port);
				socket.setSoTimeout(30_000);
				sockets.add(socket);
				write(socket, start);
			}
			List<String> statuses = new ArrayList<>();
			for (Socket socket : sockets) {
				write(socket, rest);
				String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
				statuses.add(response.substring(0, response.indexOf("\r\n")));
			}
			return statuses;
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
	}

	private static void write(Socket socket, String text) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(text.getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}
}
