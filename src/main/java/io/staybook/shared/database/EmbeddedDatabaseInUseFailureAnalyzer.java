package io.staybook.shared.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which PostgreSQL process holds the zero-setup database's directory and how to end it. */
class EmbeddedDatabaseInUseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseInUseException cause) {
		return new FailureAnalysis("The embedded PostgreSQL cannot start: a PostgreSQL server (process " + cause.pid()
				+ ") is still running on its data directory " + cause.directory() + ", left behind by an earlier run"
				+ " that was killed before it could stop it, or used by another run in this directory.",
				"Stop the other run, or end the leftover server with `kill " + cause.pid() + "` (it shuts down"
						+ " cleanly and keeps its data), then start again.",
				cause);
	}
}
