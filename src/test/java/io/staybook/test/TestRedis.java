package io.staybook.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * The Redis that tests talk to, as a {@code redis://host:port} URL: the one named by {@code STAYBOOK_TEST_REDIS_URL}
 * (CI points it at the machine's Redis), or else a real Redis server started from the binaries that the
 * {@code embedded-redis} test dependency ships, so that {@code mvn verify} needs nothing but a JDK and Maven, as it does
 * for PostgreSQL (see {@code io.staybook.shared.database.EmbeddedDatabase}).
 *
 * <p>The embedded server listens on 127.0.0.1 on a free port, keeps nothing on disk, is started at most once per JVM
 * (every test class shares it), and is stopped when the JVM exits. It runs as root and as an ordinary user alike.
 */
public final class TestRedis {

	/** The environment variable that names an existing Redis, e.g. {@code redis://127.0.0.1:6379}. */
	public static final String URL_VARIABLE = "STAYBOOK_TEST_REDIS_URL";

	/** A free port can be taken by another process between our probe and Redis binding it: try a few. */
	private static final int START_ATTEMPTS = 3;

	private static String embeddedUrl;

	private TestRedis() {
	}

	/**
	 * The URL of the Redis to use, starting the embedded one on the first call when {@value #URL_VARIABLE} is unset or
	 * blank.
	 * @throws UncheckedIOException if the embedded server cannot be started
	 */
	public static String url() {
		String configured = System.getenv(URL_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		return embedded();
	}

	/** The URL of the embedded server, started on the first call; the same URL for the rest of the JVM. */
	static synchronized String embedded() {
		if (embeddedUrl == null) {
			embeddedUrl = start();
		}
		return embeddedUrl;
	}

	private static String start() {
		IOException last = null;
		for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
			int port = freePort();
			try {
				RedisServer server = server(port);
				// the library registers a shutdown hook that stops the process when the JVM exits
				server.start();
				return "redis://127.0.0.1:" + port;
			}
			catch (IOException ex) {
				last = ex;
			}
		}
		throw new UncheckedIOException("Could not start the embedded Redis; set " + URL_VARIABLE
				+ " to use a running Redis instead", last);
	}

	/**
	 * A Redis server from the embedded binaries, not started, on 127.0.0.1 at {@code port}, keeping nothing on disk (for
	 * tests that start and stop a Redis of their own).
	 * @throws IOException if the server cannot be prepared
	 */
	public static RedisServer server(int port) throws IOException {
		return RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			// a cache for one test run: no snapshots or append-only file left in the temporary directory
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
	}

	/** A loopback port free at the time of the call. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free local port for the embedded Redis", ex);
		}
	}
}
