package io.staybook.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The embedded Redis that {@code mvn verify} falls back to is a real server: it answers the protocol, and it is started
 * once per JVM. Runs whether or not {@code STAYBOOK_TEST_REDIS_URL} is set, so CI proves the fallback too.
 */
class TestRedisUnitTests {

	@Test
	void theEmbeddedServerAnswersPing() throws IOException {
		URI url = URI.create(TestRedis.embedded());

		assertThat(url.getHost()).isEqualTo("127.0.0.1");
		assertThat(command(url, "PING")).isEqualTo("+PONG");
		assertThat(command(url, "SET staybook:test:probe yes")).isEqualTo("+OK");
		assertThat(command(url, "CONFIG GET save")).contains("save").doesNotContain("3600");
	}

	@Test
	void oneServerServesTheWholeJvm() {
		assertThat(TestRedis.embedded()).isEqualTo(TestRedis.embedded());
	}

	@Test
	void theConfiguredRedisWinsOverTheEmbeddedOne() {
		String configured = System.getenv(TestRedis.URL_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			assertThat(TestRedis.url()).isEqualTo(configured);
		}
		else {
			assertThat(TestRedis.url()).isEqualTo(TestRedis.embedded());
		}
	}

	/** Sends one inline command and returns the reply, read until the connection is idle for a moment. */
	private static String command(URI url, String command) throws IOException {
		try (Socket socket = new Socket(url.getHost(), url.getPort())) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write((command + "\r\nQUIT\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			// the last line is QUIT's +OK
			return reply.substring(0, reply.lastIndexOf("+OK")).strip();
		}
	}
}
