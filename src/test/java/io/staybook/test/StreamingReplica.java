package io.staybook.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A private PostgreSQL primary and a real streaming replica of it (a hot standby made with {@code pg_basebackup -R}),
 * started before the test class and stopped after it, for tests of read-replica routing. Each is a server of the
 * machine's PostgreSQL (the newest {@code /usr/lib/postgresql/<version>/bin}, or {@code STAYBOOK_TEST_PG_BIN}); the
 * test is skipped where there is none. As root the servers run as the {@code postgres} OS user (PostgreSQL refuses
 * root), as {@code scripts/pg-tools.sh} does. Ports: the first two free ones from {@value #FIRST_PORT} (or
 * {@code STAYBOOK_TEST_REPLICA_PORTS}, e.g. {@code 57040}); trust authentication on 127.0.0.1 only.
 * <p>
 * Register it before the Spring extension ({@code @ExtendWith(StreamingReplica.class)} above
 * {@code @IntegrationTest}), so that the servers start before the application context and stop after it is closed
 * (with {@code @DirtiesContext}), and feed {@link #properties} to a {@code @DynamicPropertySource}.
 */
public final class StreamingReplica implements BeforeAllCallback, AfterAllCallback {

	static final int FIRST_PORT = 57040;

	static final String DATABASE = "staybook";

	private static Path directory;

	private static int primaryPort;

	private static int replicaPort;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		Path bin = serverBinaries();
		Assumptions.assumeTrue(bin != null, "no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) found");
		directory = Files.createTempDirectory("staybook-replica-");
		int[] ports = freePorts();
		primaryPort = ports[0];
		replicaPort = ports[1];
		if (root()) {
			run(List.of("chown", "-R", "postgres:postgres", directory.toString()));
		}
		try {
			asServerUser(bin.resolve("initdb"), "-D", dir("primary"), "-U", "postgres", "-A", "trust", "--no-sync",
					"-E", "UTF8", "--locale=C");
			start(bin, "primary", primaryPort, "-c wal_level=replica -c max_wal_senders=4");
			asServerUser(bin.resolve("pg_basebackup"), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U",
					"postgres", "-D", dir("replica"), "-R", "-X", "stream", "-c", "fast", "--no-sync");
			startReplica();
			try (Connection primary = primary("postgres"); Statement statement = primary.createStatement()) {
				statement.execute("create database " + DATABASE);
			}
			awaitReplayed();
		}
		catch (Exception | Error ex) {
			afterAll(context);
			throw ex;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (directory == null) {
			return;
		}
		Path bin = serverBinaries();
		for (String server : List.of("replica", "primary")) {
			if (Files.exists(directory.resolve(server).resolve("postmaster.pid"))) {
				asServerUser(bin.resolve("pg_ctl"), "-D", dir(server), "-m", "immediate", "-w", "stop");
			}
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		directory = null;
	}

	/** The application's datasource on the private primary, its replica on the private replica. */
	public static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> url(primaryPort));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("staybook.datasource.replica.url", () -> url(replicaPort));
	}

	/** The JDBC URL of the application's database on the primary, as the application's connections report it. */
	public static String primaryUrl() {
		return url(primaryPort);
	}

	/** The JDBC URL of the application's database on the replica, as the application's connections report it. */
	public static String replicaUrl() {
		return url(replicaPort);
	}

	/** A connection to the application's database on the primary; the caller closes it. */
	public static Connection primary() throws SQLException {
		return primary(DATABASE);
	}

	/** A connection to the application's database on the replica; the caller closes it. */
	public static Connection replica() throws SQLException {
		return DriverManager.getConnection(url(replicaPort), "postgres", "");
	}

	/** Stops applying WAL on the replica ({@code pg_wal_replay_pause()}): it falls behind from the next write on. */
	public static void pauseReplay() throws SQLException {
		onReplica("select pg_wal_replay_pause()");
	}

	public static void resumeReplay() throws SQLException {
		onReplica("select pg_wal_replay_resume()");
	}

	/** Stops the replica server (fast shutdown): it no longer answers. */
	public static void stopReplica() throws Exception {
		asServerUser(serverBinaries().resolve("pg_ctl"), "-D", dir("replica"), "-m", "fast", "-w", "stop");
	}

	/** Starts the replica server (again); it resumes streaming from the primary. */
	public static void startReplica() throws Exception {
		start(serverBinaries(), "replica", replicaPort, "-c hot_standby=on -c hot_standby_feedback=on");
	}

	/** Waits until the replica has applied everything the primary has written so far. */
	public static void awaitReplayed() throws SQLException, InterruptedException {
		String target;
		try (Connection primary = primary("postgres"); Statement statement = primary.createStatement();
				ResultSet lsn = statement.executeQuery("select pg_current_wal_lsn()::text")) {
			lsn.next();
			target = lsn.getString(1);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			try (Connection replica = DriverManager.getConnection(url(replicaPort, "postgres"), "postgres", "");
					var statement = replica.prepareStatement("select pg_last_wal_replay_lsn() >= ?::pg_lsn")) {
				statement.setString(1, target);
				try (ResultSet caughtUp = statement.executeQuery()) {
					caughtUp.next();
					if (caughtUp.getBoolean(1)) {
						return;
					}
				}
			}
			catch (SQLException starting) {
				// the replica still starting up: ask again
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the replica did not replay up to " + target + " within 60 s");
			}
			Thread.sleep(50);
		}
	}

	private static void onReplica(String sql) throws SQLException {
		try (Connection replica = replica(); Statement statement = replica.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Connection primary(String database) throws SQLException {
		return DriverManager.getConnection(url(primaryPort, database), "postgres", "");
	}

	private static String url(int port) {
		return url(port, DATABASE);
	}

	private static String url(int port, String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	private static void start(Path bin, String server, int port, String settings) throws Exception {
		asServerUser(bin.resolve("pg_ctl"), "-D", dir(server), "-l", directory.resolve(server + ".log").toString(),
				"-w", "-t", "60", "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1"
						+ " -c fsync=off -c full_page_writes=off " + settings,
				"start");
	}

	private static String dir(String server) {
		return directory.resolve(server).toString();
	}

	private static void asServerUser(Path program, String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		if (root()) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(program.toString());
		command.addAll(List.of(arguments));
		run(command);
	}

	private static void run(List<String> command) throws Exception {
		Path output = Files.createTempFile("staybook-replica-command-", ".log");
		try {
			Process process = new ProcessBuilder(command).directory(new File("/"))
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within 120 s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(command + " failed (" + process.exitValue() + "):\n"
						+ Files.readString(output));
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	/** The directory of initdb, pg_ctl and pg_basebackup, or null. */
	private static Path serverBinaries() {
		String configured = System.getenv("STAYBOOK_TEST_PG_BIN");
		List<Path> candidates = new ArrayList<>();
		if (configured != null && !configured.isBlank()) {
			candidates.add(Path.of(configured));
		}
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			versions.map(version -> version.resolve("bin"))
				.sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
				.forEach(candidates::add);
		}
		catch (IOException ex) {
			// no Debian-style installation
		}
		return candidates.stream()
			.filter(dir -> Stream.of("initdb", "pg_ctl", "pg_basebackup").allMatch(p -> Files.isExecutable(dir.resolve(p))))
			.findFirst()
			.orElse(null);
	}

	private static int versionOf(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static int[] freePorts() {
		String configured = System.getenv("STAYBOOK_TEST_REPLICA_PORTS");
		int port = configured != null && !configured.isBlank() ? Integer.parseInt(configured.strip()) : FIRST_PORT;
		int[] ports = new int[2];
		int found = 0;
		for (; found < 2 && port < 65536; port++) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				ports[found++] = port;
			}
			catch (IOException taken) {
				// next one
			}
		}
		if (found < 2) {
			throw new UncheckedIOException(new IOException("no two free ports from " + FIRST_PORT));
		}
		return ports;
	}
}
