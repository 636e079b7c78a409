package io.staybook.shared.database;

import java.nio.file.Path;

/**
 * The embedded PostgreSQL's data directory is in use by a server that is still running: one an earlier run left
 * behind when it was killed before it could stop it, or the one of another run in the same directory.
 */
class EmbeddedDatabaseInUseException extends RuntimeException {

	private final Path directory;

	private final long pid;

	EmbeddedDatabaseInUseException(Path directory, long pid) {
		super("The embedded PostgreSQL's data directory " + directory + " is in use by process " + pid);
		this.directory = directory;
		this.pid = pid;
	}

	Path directory() {
		return directory;
	}

	long pid() {
		return pid;
	}
}
