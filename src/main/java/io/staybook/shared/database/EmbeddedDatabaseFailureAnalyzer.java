package io.staybook.shared.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in two lines why the zero-setup database did not start and what to do instead. */
class EmbeddedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseUnavailableException cause) {
		return new FailureAnalysis(
				"No database is configured, and the embedded PostgreSQL cannot start because PostgreSQL refuses to run"
						+ " as root.",
				"Run as an ordinary user, or point Staybook at a PostgreSQL server: set SPRING_DATASOURCE_URL (for"
						+ " example jdbc:postgresql://127.0.0.1:5432/staybook), SPRING_DATASOURCE_USERNAME and"
						+ " SPRING_DATASOURCE_PASSWORD.",
				cause);
	}
}
