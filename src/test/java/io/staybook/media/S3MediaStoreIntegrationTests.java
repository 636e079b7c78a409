package io.staybook.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The S3 media store against a real S3-compatible server: Adobe S3Mock's runnable jar (copied to target/s3mock by the
 * build), started here as a child process on free ports, with its bucket; no Docker needed.
 */
class S3MediaStoreIntegrationTests {

	private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

	private static Process server;

	private static S3MediaStore store;

	@TempDir
	static Path root;

	@BeforeAll
	static void startServer() throws Exception {
		assertThat(JAR).as("S3Mock's jar, copied by the maven-dependency-plugin at generate-test-resources").exists();
		int http = freePort();
		int https = freePort();
		Path log = root.resolve("s3mock.log");
		server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-jar", JAR.toString(), "--server.port=" + https, "--com.adobe.testing.s3mock.httpPort=" + http,
				"--com.adobe.testing.s3mock.store.initial-buckets=media",
				"--com.adobe.testing.s3mock.store.root=" + root.resolve("data"), "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		URI endpoint = URI.create("http://127.0.0.1:" + http);
		awaitBucket(endpoint, log);
		store = S3MediaStore.of(new MediaSettings.S3("media", "us-east-1", endpoint, true, "photos/", "test-key",
				"test-secret"));
	}

	@AfterAll
	static void stopServer() throws InterruptedException {
		if (server != null) {
			server.destroy();
			if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
	}

	@Test
	void storesReadsAndDeletesContentAddressedObjects() {
		byte[] bytes = "not really a JPEG, but the store does not care".getBytes(StandardCharsets.UTF_8);
		String key = MediaKeys.of(bytes, "jpg");
		assertThat(store.get(key)).isEmpty();
		store.delete(key); // never stored: no error (the media sweep may delete what a failed upload never put)

		store.put(key, bytes);
		store.put(key, bytes); // the same content again: harmless
		assertThat(store.get(key)).hasValueSatisfying(read -> assertThat(read).isEqualTo(bytes));
		HeadObjectResponse head = store.head(key);
		assertThat(head.contentType()).isEqualTo("image/jpeg");
		assertThat(head.cacheControl()).isEqualTo("public, max-age=31536000, immutable");

		store.delete(key);
		assertThat(store.get(key)).isEmpty();
		store.delete(key); // already gone: no error
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** Until the server answers for its bucket (it takes some seconds to start), at most 90 s. */
	private static void awaitBucket(URI endpoint, Path log) throws Exception {
		Instant deadline = Instant.now().plusSeconds(90);
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
			while (Instant.now().isBefore(deadline)) {
				if (!server.isAlive()) {
					throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
				}
				try {
					HttpResponse<Void> answer = client.send(
							HttpRequest.newBuilder(endpoint.resolve("/media")).method("HEAD", HttpRequest.BodyPublishers.noBody())
								.timeout(Duration.ofSeconds(2))
								.build(),
							HttpResponse.BodyHandlers.discarding());
					if (answer.statusCode() == 200) {
						return;
					}
				}
				catch (IOException notYet) {
					// not listening yet
				}
				Thread.sleep(250);
			}
		}
		throw new IllegalStateException("S3Mock did not start within 90 s: " + Files.readString(log));
	}
}
