package io.staybook.shared.persistence;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads which PostgreSQL constraint refused a write, so that services can turn the database's guarantees (unique,
 * exclusion, check) into precise client errors.
 */
public final class SqlStates {

	public static final String UNIQUE_VIOLATION = "23505";

	public static final String EXCLUSION_VIOLATION = "23P01";

	public static final String CHECK_VIOLATION = "23514";

	public static final String NOT_NULL_VIOLATION = "23502";

	public static final String FOREIGN_KEY_VIOLATION = "23503";

	/** {@code lock_not_available}: a lock was not granted within {@code lock_timeout} (or {@code NOWAIT}). */
	public static final String LOCK_NOT_AVAILABLE = "55P03";

	public static final String DEADLOCK_DETECTED = "40P01";

	public static final String SERIALIZATION_FAILURE = "40001";

	/** {@code query_canceled}: {@code statement_timeout} expired, or the statement was cancelled. */
	public static final String QUERY_CANCELED = "57014";

	/** Class 22, data exception: the value itself is unacceptable (out of range, bad text representation...). */
	public static final String DATA_EXCEPTION_CLASS = "22";

	/** Class 23, integrity constraint violation. */
	public static final String INTEGRITY_CLASS = "23";

	/** Class 08, connection exception. */
	public static final String CONNECTION_CLASS = "08";

	private SqlStates() {
	}

	/** The SQLSTATE of the first SQL exception in the cause chain, or {@code null}. */
	public static String of(Throwable error) {
		return sqlException(error).map(SQLException::getSQLState).orElse(null);
	}

	/** The name of the violated constraint, when the driver reports it. */
	public static Optional<String> constraint(Throwable error) {
		return sqlException(error).map(SqlStates::constraintName);
	}

	/** Whether {@code error} is a violation of the named constraint. */
	public static boolean violates(Throwable error, String constraint) {
		return constraint(error).filter(constraint::equals).isPresent();
	}

	private static Optional<SQLException> sqlException(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return Optional.of(sql);
			}
		}
		return Optional.empty();
	}

	private static String constraintName(SQLException sql) {
		if (sql instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
			return psql.getServerErrorMessage().getConstraint();
		}
		return null;
	}
}
