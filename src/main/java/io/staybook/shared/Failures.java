package io.staybook.shared;

import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.Failure.Kind;
import io.staybook.shared.persistence.SqlStates;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hibernate.TransactionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * The one translator of failures into what a client is told, used by the REST adapter (problem details) and the
 * GraphQL adapter (error classifications) alike, so the same cause always gets the same answer.
 * <p>
 * Database failures are judged by their SQLSTATE (PostgreSQL appendix A), found anywhere in the cause chain, so the
 * answer does not depend on whether JDBC or JPA met the error: class 22 (a value the column cannot hold) and the check
 * and not-null constraints are the client's bad input (400); other integrity violations, lock timeouts, deadlocks and
 * serialization failures are conflicts with concurrent work (409); a cancelled statement, a lost or unobtainable
 * connection and an overloaded server are a 503 with {@code Retry-After}. Anything else is a 500 that says nothing.
 */
public final class Failures {

	private static final Logger log = LoggerFactory.getLogger(Failures.class);

	/** How long a client should wait after a 503: long enough not to pile onto a struggling database. */
	static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

	private static final String VALIDATION_FAILED = "The request is not valid.";

	private Failures() {
	}

	/** {@link #of(Throwable, String)} for a caller that has no request to name in the log. */
	public static Failure of(Throwable error) {
		return of(error, null);
	}

	/**
	 * {@link #of(Throwable, String)} for a request that only reads (a GET or HEAD, a GraphQL query or subscription). A
	 * lock such a request could not get within {@code lock_timeout} was not taken by a concurrent change of what it
	 * asked for, which a read does not wait for, but held by a migration, a maintenance command or a stalled
	 * transaction: the database is not answering it, a 503 {@code service_unavailable} with {@code Retry-After}, not the
	 * 409 {@code concurrent_update} ("changed by another request") that a lock timeout is for a write.
	 */
	public static Failure ofRead(Throwable error, String where) {
		if (SqlStates.LOCK_NOT_AVAILABLE.equals(SqlStates.of(error))) {
			log.warn("Database lock not available to a read at {} (SQLSTATE {}): {}", where, SqlStates.LOCK_NOT_AVAILABLE,
					error.toString());
			return unavailable("The database is busy and did not answer in time; retry shortly.");
		}
		return of(error, where);
	}

	/**
	 * What to tell the client about {@code error}. Server-side failures are logged here, once, with {@code where} (the
	 * request path or the GraphQL field path).
	 */
	public static Failure of(Throwable error, String where) {
		if (error instanceof DomainException domain) {
			return new Failure(Kind.valueOf(domain.kind().name()), domain.code(), domain.getMessage(),
					domain.fieldErrors(), domain.retryAfter());
		}
		if (error instanceof ConstraintViolationException invalid) {
			List<FieldError> errors = invalid.getConstraintViolations()
				.stream()
				.map(v -> new FieldError(snakeCase(lastNode(v.getPropertyPath())), v.getMessage()))
				.toList();
			return new Failure(Kind.BAD_REQUEST, "validation_failed", VALIDATION_FAILED, errors, null);
		}
		if (error instanceof AuthenticationException) {
			return new Failure(Kind.UNAUTHORIZED, "unauthorized", "A valid access token is required.");
		}
		if (error instanceof AccessDeniedException) {
			return new Failure(Kind.FORBIDDEN, "forbidden", "You may not do this.");
		}
		Failure database = database(error);
		if (database == null) {
			log.error("Unhandled error at {}", where, error);
			return new Failure(Kind.INTERNAL_ERROR, "internal_error", "Something went wrong on our side.");
		}
		if (database.kind() == Kind.SERVICE_UNAVAILABLE) {
			log.warn("Database unavailable at {} (SQLSTATE {}): {}", where, SqlStates.of(error), error.toString());
		}
		else {
			// the client's input or a race it lost (a 4xx): ordinary, not something to alert on
			log.debug("Database refused the request at {} (SQLSTATE {}), answered {}: {}", where, SqlStates.of(error),
					database.code(), error.getMessage());
		}
		return database;
	}

	/** The answer for a failure of the database or of the way to it, or null if {@code error} is neither. */
	private static Failure database(Throwable error) {
		String state = SqlStates.of(error);
		if (state != null) {
			Failure byState = bySqlState(state);
			if (byState != null) {
				return byState;
			}
		}
		if (unavailable(error)) {
			return unavailable("The service cannot reach its database right now; retry shortly.");
		}
		if (error instanceof DataIntegrityViolationException) {
			return conflict();
		}
		if (error instanceof ConcurrencyFailureException) {
			return concurrentUpdate();
		}
		return null;
	}

	private static Failure bySqlState(String state) {
		if (state.startsWith(SqlStates.DATA_EXCEPTION_CLASS)) {
			// a value the column cannot hold (out of range, a NUL in text, ...): the input is bad, nothing conflicts
			return new Failure(Kind.BAD_REQUEST, "invalid_value", "The request contains a value that cannot be stored.");
		}
		if (SqlStates.CHECK_VIOLATION.equals(state) || SqlStates.NOT_NULL_VIOLATION.equals(state)) {
			return new Failure(Kind.BAD_REQUEST, "constraint_violated", "The request breaks a rule of the data model.");
		}
		if (state.startsWith(SqlStates.INTEGRITY_CLASS)) {
			// exclusion, unique, foreign key: the stored state (or a concurrent write) stands in the way
			return conflict();
		}
		if (SqlStates.LOCK_NOT_AVAILABLE.equals(state) || SqlStates.DEADLOCK_DETECTED.equals(state)
				|| SqlStates.SERIALIZATION_FAILURE.equals(state)) {
			return concurrentUpdate();
		}
		if (SqlStates.QUERY_CANCELED.equals(state)) {
			return unavailable("The database took too long to answer; retry shortly.");
		}
		// class 08 connection exception, 53 insufficient resources (too many connections, disk full), 57P0x shutdown
		if (state.startsWith(SqlStates.CONNECTION_CLASS) || state.startsWith("53") || state.startsWith("57P")) {
			return unavailable("The service cannot reach its database right now; retry shortly.");
		}
		return null;
	}

	/**
	 * A connection could not be had or was lost, often without any SQLSTATE: the pool timed out waiting for a free
	 * connection (HikariCP's {@link SQLTransientConnectionException}), a transaction could not begin or ran past its
	 * timeout, the driver gave up on a server that answered nothing within its socket timeout, or the connection was
	 * closed under the request.
	 */
	private static boolean unavailable(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException
					|| cause instanceof TransactionTimedOutException
					|| cause instanceof SQLTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof SQLNonTransientConnectionException || jdbcTransactionFailure(cause)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Hibernate could not begin, commit or roll back on the JDBC connection: with a server that stopped answering, the
	 * statement's failure (08006) closes the connection, and the rollback that follows fails on the closed connection
	 * with no SQLSTATE, replacing the statement's failure (Spring's "application exception overridden by rollback
	 * exception"). A rollback fails for no reason but a lost connection.
	 */
	private static boolean jdbcTransactionFailure(Throwable cause) {
		return cause instanceof TransactionException && cause.getCause() instanceof SQLException;
	}

	private static Failure conflict() {
		return new Failure(Kind.CONFLICT, "conflict", "The request conflicts with the current state of the resource.");
	}

	private static Failure concurrentUpdate() {
		return new Failure(Kind.CONFLICT, "concurrent_update", "The resource was changed by another request; retry.");
	}

	private static Failure unavailable(String detail) {
		return new Failure(Kind.SERVICE_UNAVAILABLE, "service_unavailable", detail, List.of(),
				UNAVAILABLE_RETRY_AFTER);
	}

	/**
	 * The innermost named field of a violation's path; a container element ({@code <list element>} of
	 * {@code amenities}) is reported as its container, the field the client sent.
	 */
	private static String lastNode(Path path) {
		String name = "input";
		for (Path.Node node : path) {
			if (node.getName() != null && !node.getName().startsWith("<")) {
				name = node.getName();
			}
		}
		return name;
	}

	/** {@code checkOut} → {@code check_out}: field errors are named as the REST bodies name them. */
	public static String snakeCase(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}
}
