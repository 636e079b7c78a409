package io.staybook.shared.database;

/** PostgreSQL refuses to run as root, so the zero-setup database cannot start for a root user. */
class EmbeddedDatabaseUnavailableException extends RuntimeException {

	EmbeddedDatabaseUnavailableException() {
		super("The embedded PostgreSQL cannot run as root");
	}
}
