package io.staybook.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A run killed before its shutdown handler stopped the embedded server (kill -9, an IDE's hard stop) leaves that
 * server running in its own session on {@code .staybook/postgres}. The next {@code mvn spring-boot:run} waited 10 s
 * and failed with a stack trace ending in "Connection refused"; it now names the leftover process and how to end it,
 * at once. The leftover here is a program named {@code postgres} (a copy of {@code sleep}), as the check reads the
 * lock file's process id and that process's program.
 */
class EmbeddedDatabaseLeftoverUnitTests {

	@Test
	void aServerStillRunningOnTheDataDirectoryIsNamedWithTheWayToEndIt(@TempDir Path dir) throws Exception {
		Path program = Files.createDirectories(dir.resolve("bin")).resolve("postgres");
		Files.copy(Path.of("/bin/sleep"), program);
		assertThat(program.toFile().setExecutable(true)).isTrue();
		Process leftover = new ProcessBuilder(program.toString(), "60").start();
		try {
			Path data = lockedBy(dir, leftover.pid());

			Throwable failure = catchThrowable(() -> EmbeddedDatabase.start(data));

			assertThat(failure).isInstanceOf(EmbeddedDatabaseInUseException.class);
			FailureAnalysis analysis = new EmbeddedDatabaseInUseFailureAnalyzer().analyze(failure);
			assertThat(analysis.getDescription()).contains("process " + leftover.pid()).contains(data.toString());
			assertThat(analysis.getAction()).contains("kill " + leftover.pid());
		}
		finally {
			leftover.destroyForcibly();
		}
	}

	@Test
	void aLockFileOfAProcessThatIsGoneOrIsNoPostgresNamesNoServer(@TempDir Path dir) throws Exception {
		assertThat(EmbeddedDatabase.runningServer(dir.resolve("missing"))).isEmpty();

		Process gone = new ProcessBuilder("true").start();
		assertThat(gone.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(EmbeddedDatabase.runningServer(lockedBy(dir.resolve("gone"), gone.pid()))).isEmpty();

		long notPostgres = ProcessHandle.current().pid();
		assertThat(EmbeddedDatabase.runningServer(lockedBy(dir.resolve("java"), notPostgres))).isEmpty();

		Path garbled = Files.createDirectories(dir.resolve("garbled"));
		Files.writeString(garbled.resolve("postmaster.pid"), "not a pid\n");
		assertThat(EmbeddedDatabase.runningServer(garbled)).isEmpty();
	}

	/** A data directory under {@code parent} whose lock file names {@code pid}, as PostgreSQL writes it. */
	private static Path lockedBy(Path parent, long pid) throws Exception {
		Path data = Files.createDirectories(parent.resolve("postgres"));
		Files.writeString(data.resolve("postmaster.pid"), pid + "\n" + data + "\n1796196213\n41099\n/tmp\n");
		return data;
	}
}
