package io.staybook.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for a test: Adobe S3Mock's runnable jar (copied to target/s3mock by the build), started
 * as a child process on free ports with one bucket; no Docker needed. A test may pause it (SIGSTOP: it keeps its socket
 * and answers nothing, as a stalled server or a blackholed network), resume it, or stop it (connections refused).
 */
public final class S3Mock implements AutoCloseable {

	private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

	private final Process process;

	private final URI endpoint;

	private S3Mock(Process process, URI endpoint) {
		this.process = process;
		this.endpoint = endpoint;
	}

	/**
	 * Starts a server keeping its objects under {@code root} with {@code bucket}, and waits until it answers for the
	 * bucket (some seconds, at most 90 s).
	 * @throws IllegalStateException if the jar is missing or the server does not start
	 */
	public static S3Mock start(Path root, String bucket) {
		if (!Files.exists(JAR)) {
			throw new IllegalStateException(JAR + " is missing: the maven-dependency-plugin copies it at"
					+ " generate-test-resources");
		}
		try {
			int http = freePort();
			int https = freePort();
			Path log = root.resolve("s3mock.log");
			Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx256m", "-jar", JAR.toString(), "--server.port=" + https,
					"--com.adobe.testing.s3mock.httpPort=" + http,
					"--com.adobe.testing.s3mock.store.initial-buckets=" + bucket,
					"--com.adobe.testing.s3mock.store.root=" + root.resolve("data"), "--spring.main.banner-mode=off")
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			S3Mock server = new S3Mock(process, URI.create("http://127.0.0.1:" + http));
			server.awaitBucket(bucket, log);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where the server answers S3's API (path-style: {@code <endpoint>/<bucket>/<key>}). */
	public URI endpoint() {
		return endpoint;
	}

	/** Stops (SIGSTOP) the server's process: it answers nothing more until {@link #resume()}. */
	public void pause() {
		signal("STOP");
	}

	/** Continues (SIGCONT) a paused server. */
	public void resume() {
		signal("CONT");
	}

	/** Ends the server (resumed first, so that it can end); idempotent. */
	@Override
	public void close() {
		if (!process.isAlive()) {
			return;
		}
		resume();
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Until the server answers for its bucket (it takes some seconds to start), at most 90 s. */
	private void awaitBucket(String bucket, Path log) throws IOException {
		Instant deadline = Instant.now().plusSeconds(90);
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
			while (Instant.now().isBefore(deadline)) {
				if (!process.isAlive()) {
					throw new IllegalStateException("S3Mock exited: " + Files.readString(log));
				}
				try {
					HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(endpoint.resolve("/" + bucket))
						.method("HEAD", HttpRequest.BodyPublishers.noBody())
						.timeout(Duration.ofSeconds(2))
						.build(), HttpResponse.BodyHandlers.discarding());
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
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		close();
		throw new IllegalStateException("S3Mock did not start within 90 s: " + Files.readString(log));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
