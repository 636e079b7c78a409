package io.staybook.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL server of a test's own, which the test may pause (SIGSTOP) and resume (SIGCONT) as a stalled machine
 * does: {@code initdb} into a temporary directory, started with {@code pg_ctl} on a free loopback port, trust
 * authentication, no fsync. The shared servers of the machine are never touched. As root the server runs as the
 * {@code postgres} OS user (PostgreSQL refuses root), like {@code scripts/pg-tools.sh}.
 * <p>
 * The server binaries are taken from {@code PG_BIN} if set, else from the newest {@code /usr/lib/postgresql/<v>/bin}
 * (Debian's layout); {@link #available()} tells a test to skip itself without them. The port is the first free one of
 * {@code STAYBOOK_TEST_PG_PORTS} ({@code first-last}, default {@code 57250-57299}).
 */
public final class PrivatePostgres implements AutoCloseable {

	private static final String OS_USER = "postgres";

	private final Path bin;

	private final Path dir;

	private final int port;

	private final List<Long> paused = new ArrayList<>();

	private PrivatePostgres(Path bin, Path dir, int port) {
		this.bin = bin;
		this.dir = dir;
		this.port = port;
	}

	/** The directory of {@code initdb} and {@code pg_ctl}, if this machine has them. */
	public static Optional<Path> available() {
		String configured = System.getenv("PG_BIN");
		if (configured != null && Files.isExecutable(Path.of(configured, "pg_ctl"))) {
			return Optional.of(Path.of(configured));
		}
		Path debian = Path.of("/usr/lib/postgresql");
		if (!Files.isDirectory(debian)) {
			return Optional.empty();
		}
		try (Stream<Path> versions = Files.list(debian)) {
			return versions.map(v -> v.resolve("bin"))
				.filter(b -> Files.isExecutable(b.resolve("pg_ctl")) && Files.isExecutable(b.resolve("initdb")))
				.max(Comparator.comparing(PrivatePostgres::version));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Creates and starts a server (a few seconds); {@link #close()} stops it and deletes its files.
	 * @throws IllegalStateException without server binaries, a free port, or if the server does not start
	 */
	public static PrivatePostgres start() {
		Path bin = available().orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries"));
		try {
			Path dir = Files.createTempDirectory("staybook-pg-");
			if (isRoot()) {
				run(List.of("chown", OS_USER, dir.toString()));
			}
			PrivatePostgres server = new PrivatePostgres(bin, dir, freePort());
			server.asServerUser(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U",
					"postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"));
			server.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", server.data().toString(), "-l",
					dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
					"-p " + server.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * For a test class's {@code @DynamicPropertySource}: skips the class without server binaries, else {@link #start}s
	 * a server and points the context's {@code spring.datasource} at it; the class {@link #close()}s it after all.
	 */
	public static PrivatePostgres startFor(DynamicPropertyRegistry registry) {
		Assumptions.assumeTrue(available().isPresent(), "needs PostgreSQL server binaries");
		PrivatePostgres server = start();
		registry.add("spring.datasource.url", server::jdbcUrl);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		return server;
	}

	/** The JDBC URL of the server's {@code postgres} database (user {@code postgres}, no password). */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
	}

	/**
	 * Stops (SIGSTOP) the postmaster and every one of its processes (backends, checkpointer, WAL writer...), first
	 * the postmaster so it starts no more: the server keeps its sockets open and answers nothing, as a stalled machine.
	 */
	public synchronized void pause() {
		long postmaster = postmasterPid();
		signal("STOP", List.of(postmaster));
		paused.add(postmaster);
		List<Long> children = ProcessHandle.of(postmaster)
			.map(p -> p.children().map(ProcessHandle::pid).toList())
			.orElse(List.of());
		signal("STOP", children);
		paused.addAll(children);
	}

	/** Continues (SIGCONT) every process {@link #pause()} stopped. */
	public synchronized void resume() {
		if (!paused.isEmpty()) {
			signal("CONT", paused.reversed());
			paused.clear();
		}
	}

	/** Resumes, stops the server at once and deletes its files. */
	@Override
	public void close() {
		resume();
		try {
			asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w",
					"stop"));
		}
		finally {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
			catch (IOException ex) {
				// a temporary directory left behind
			}
		}
	}

	private Path data() {
		return dir.resolve("data");
	}

	private long postmasterPid() {
		try {
			return Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid"), StandardCharsets.UTF_8)
				.getFirst()
				.trim());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void signal(String signal, List<Long> pids) {
		if (pids.isEmpty()) {
			return;
		}
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
		pids.forEach(pid -> command.add(pid.toString()));
		run(command);
	}

	private void asServerUser(List<String> command) {
		if (!isRoot()) {
			run(command);
			return;
		}
		List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--"));
		wrapped.addAll(command);
		run(wrapped);
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).directory(Path.of("/").toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
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

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static int version(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static int freePort() {
		String range = System.getenv().getOrDefault("STAYBOOK_TEST_PG_PORTS", "57250-57299");
		String[] bounds = range.split("-");
		for (int port = Integer.parseInt(bounds[0].trim()); port <= Integer.parseInt(bounds[1].trim()); port++) {
			try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException ex) {
				// taken
			}
		}
		throw new IllegalStateException("no free port in " + range);
	}
}
