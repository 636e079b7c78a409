package io.staybook.shared.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.shared.DomainException;
import io.staybook.shared.Failure;
import io.staybook.shared.Failures;
import io.staybook.test.ProblemAssertions;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.hibernate.TransactionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

/**
 * {@link Failures}, the one translator of failures, for every kind of failure and every SQLSTATE family it knows, and
 * the two adapters' readings of its answer: the HTTP status REST sends and the classification GraphQL sends agree for
 * every cause. Causes are built as they arrive from JDBC (Spring's translation) and from JPA (Hibernate's), with the
 * driver's SQLSTATE inside.
 */
class FailureTranslationUnitTests {

	static Stream<Arguments> causes() {
		return Stream.of(
				// lock timeouts, deadlocks, serialization failures: concurrent work, retry
				cause("lock timeout (JDBC)", new CannotAcquireLockException("x", sql("55P03")), 409, "concurrent_update",
						"CONFLICT"),
				cause("lock timeout (JPA)", new PessimisticLockingFailureException("x", sql("55P03")), 409,
						"concurrent_update", "CONFLICT"),
				cause("deadlock, retries exhausted", new CannotAcquireLockException("x", sql("40P01")), 409,
						"concurrent_update", "CONFLICT"),
				cause("serialization failure", new PessimisticLockingFailureException("x", sql("40001")), 409,
						"concurrent_update", "CONFLICT"),
				cause("optimistic lock, no SQLSTATE", new ObjectOptimisticLockingFailureException("Booking", "id"), 409,
						"concurrent_update", "CONFLICT"),
				// class 22: a value the database cannot hold is bad input, whichever exception carries it
				cause("numeric overflow", new DataIntegrityViolationException("x", sql("22003")), 400, "invalid_value",
						"BAD_REQUEST"),
				cause("invalid text representation", new UncategorizedSQLException("x", "select", sql("22P02")), 400,
						"invalid_value", "BAD_REQUEST"),
				cause("NUL in text", new DataIntegrityViolationException("x", sql("22021")), 400, "invalid_value",
						"BAD_REQUEST"),
				// class 23: constraints
				cause("exclusion", new DataIntegrityViolationException("x", sql("23P01")), 409, "conflict", "CONFLICT"),
				cause("unique", new DuplicateKeyException("x", sql("23505")), 409, "conflict", "CONFLICT"),
				cause("foreign key", new DataIntegrityViolationException("x", sql("23503")), 409, "conflict",
						"CONFLICT"),
				cause("check", new DataIntegrityViolationException("x", sql("23514")), 400, "constraint_violated",
						"BAD_REQUEST"),
				cause("not null", new DataIntegrityViolationException("x", sql("23502")), 400, "constraint_violated",
						"BAD_REQUEST"),
				cause("integrity, no SQLSTATE", new DataIntegrityViolationException("x"), 409, "conflict", "CONFLICT"),
				// the database is unreachable, overloaded or too slow: 503, INTERNAL_ERROR over GraphQL
				cause("statement timeout", new QueryTimeoutException("x", sql("57014")), 503, "service_unavailable",
						"INTERNAL_ERROR"),
				cause("connection lost", new DataAccessResourceFailureException("x", sql("08006")), 503,
						"service_unavailable", "INTERNAL_ERROR"),
				cause("too many connections", new DataAccessResourceFailureException("x", sql("53300")), 503,
						"service_unavailable", "INTERNAL_ERROR"),
				cause("server shutting down", new UncategorizedSQLException("x", "select", sql("57P01")), 503,
						"service_unavailable", "INTERNAL_ERROR"),
				cause("pool timeout (JDBC)",
						new CannotGetJdbcConnectionException("x",
								new SQLTransientConnectionException("Connection is not available")),
						503, "service_unavailable", "INTERNAL_ERROR"),
				cause("pool timeout (JPA)",
						new CannotCreateTransactionException("x",
								new SQLTransientConnectionException("Connection is not available")),
						503, "service_unavailable", "INTERNAL_ERROR"),
				// a server that answers nothing (paused, cut off): the driver's socket timeout, a closed connection, a
				// transaction past its timeout, wrapped as JPA and the transaction manager wrap them
				cause("socket timeout, at commit",
						new TransactionSystemException("x",
								new TransactionException("x", sql("08006"))),
						503, "service_unavailable", "INTERNAL_ERROR"),
				cause("socket timeout (JPA)", new JpaSystemException(
						new PersistenceException("x", sql("08006"))), 503, "service_unavailable",
						"INTERNAL_ERROR"),
				cause("rollback on the connection the socket timeout closed",
						new JpaSystemException(new TransactionException("Unable to rollback against JDBC Connection",
								new SQLException("Connection is closed"))),
						503, "service_unavailable", "INTERNAL_ERROR"),
				cause("connection closed, no SQLSTATE",
						new JpaSystemException(
								new RuntimeException(new SQLRecoverableException("closed"))),
						503, "service_unavailable", "INTERNAL_ERROR"),
				cause("connection refused, no SQLSTATE",
						new TransactionSystemException("x",
								new SQLNonTransientConnectionException("refused")),
						503, "service_unavailable", "INTERNAL_ERROR"),
				cause("transaction timed out",
						new TransactionTimedOutException("deadline passed"), 503,
						"service_unavailable", "INTERNAL_ERROR"),
				// the domain and security
				cause("domain conflict", DomainException.conflict("dates_unavailable", "Taken."), 409,
						"dates_unavailable", "CONFLICT"),
				cause("domain not found", DomainException.notFound("Booking"), 404, "not_found", "NOT_FOUND"),
				cause("domain forbidden", DomainException.forbidden("own_listing", "No."), 403, "own_listing",
						"FORBIDDEN"),
				cause("domain validation", DomainException.invalidField("check_out", "must be after check_in"), 400,
						"validation_failed", "BAD_REQUEST"),
				cause("rate limited", DomainException.tooManyRequests("too_many_attempts", "Wait.", Duration.ofMinutes(1)),
						429, "too_many_attempts", "TOO_MANY_REQUESTS"),
				cause("access denied", new AccessDeniedException("x"), 403, "forbidden", "FORBIDDEN"),
				cause("not authenticated", new BadCredentialsException("x"), 401, "unauthorized", "UNAUTHORIZED"),
				// anything else says nothing
				cause("undefined table", new BadSqlGrammarException("x", "select * from nope", sql("42P01")), 500,
						"internal_error", "INTERNAL_ERROR"),
				cause("aborted transaction", new UncategorizedSQLException("x", "select", sql("25P02")), 500,
						"internal_error", "INTERNAL_ERROR"),
				cause("a bug", new IllegalStateException("java.lang.NullPointerException in SQL"), 500,
						"internal_error", "INTERNAL_ERROR"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("causes")
	void theSameCauseGetsTheSameAnswerOverRestAndGraphQl(String name, Throwable cause, int status, String code,
			String classification) {
		Failure failure = Failures.of(cause);

		assertThat(failure.kind().status()).as("REST status").isEqualTo(status);
		assertThat(GraphQlErrors.classification(failure.kind()).name()).as("GraphQL classification")
			.isEqualTo(classification);
		assertThat(failure.code()).isEqualTo(code);
		assertThat(failure.detail()).isNotBlank();
		for (String leak : ProblemAssertions.LEAKS) {
			assertThat(failure.detail()).as("detail names no class or SQL").doesNotContain(leak);
		}
		assertThat(failure.retryAfter() != null).as("Retry-After only for 429 and 503")
			.isEqualTo(status == 429 || status == 503);
	}

	@Test
	void everyKindHasAClassificationNamedLikeItsStatusExceptTheUnavailableDatabase() {
		for (Failure.Kind kind : Failure.Kind.values()) {
			// the contract's GraphQL classifications have no 412, 413 or 415: a refused upload, or a precondition (which
			// only REST's If-Match sends), is the client's bad input
			String expected = switch (kind) {
				case SERVICE_UNAVAILABLE -> "INTERNAL_ERROR";
				case PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, PRECONDITION_FAILED -> "BAD_REQUEST";
				default -> kind.name();
			};
			assertThat(GraphQlErrors.classification(kind).name()).as(kind.name()).isEqualTo(expected);
		}
	}

	record Stay(@NotNull LocalDate checkIn) {
	}

	@Test
	void aBeanValidationFailureNamesItsFieldsAsTheRestBodiesDo() {
		try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
			var violations = factory.getValidator().validate(new Stay(null));
			Failure failure = Failures.of(new jakarta.validation.ConstraintViolationException(violations));

			assertThat(failure.kind()).isEqualTo(Failure.Kind.BAD_REQUEST);
			assertThat(failure.code()).isEqualTo("validation_failed");
			assertThat(failure.errors()).singleElement()
				.satisfies(error -> assertThat(error.field()).isEqualTo("check_in"));
			assertThat(GraphQlErrors.graphQlName(failure.errors().getFirst().field())).isEqualTo("checkIn");
		}
	}

	@Test
	void theDomainsFieldErrorsAndRetryAfterPassThrough() {
		Failure limited = Failures
			.of(DomainException.tooManyRequests("too_many_attempts", "Wait.", Duration.ofSeconds(90)));
		Failure invalid = Failures.of(DomainException.invalidField("guests", "must be between 1 and 4"));

		assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(90));
		assertThat(invalid.errors()).extracting(DomainException.FieldError::field).containsExactly("guests");
	}

	private static Arguments cause(String name, Throwable cause, int status, String code, String classification) {
		return Arguments.of(name, cause, status, code, classification);
	}

	/**
	 * A read (a GET, a GraphQL query) that waited past lock_timeout waited for a lock held by no concurrent change of
	 * what it read (a migration's, a maintenance command's, a stalled transaction's): 503, not "changed by another
	 * request". A write keeps the 409, and every other cause of a read gets what a write gets.
	 */
	@Test
	void aLockTimeoutOfAReadIsUnavailableAndOfAWriteAConflict() {
		for (Throwable lockTimeout : java.util.List.of(new CannotAcquireLockException("x", sql("55P03")),
				new PessimisticLockingFailureException("x", sql("55P03")))) {
			Failure read = Failures.ofRead(lockTimeout, "test");
			assertThat(read.kind()).isEqualTo(Failure.Kind.SERVICE_UNAVAILABLE);
			assertThat(read.code()).isEqualTo("service_unavailable");
			assertThat(read.retryAfter()).isPositive();
			assertThat(Failures.of(lockTimeout, "test").code()).isEqualTo("concurrent_update");
		}
		Throwable unique = new DuplicateKeyException("x", sql("23505"));
		assertThat(Failures.ofRead(unique, "test")).isEqualTo(Failures.of(unique, "test"));
		Throwable serialization = new PessimisticLockingFailureException("x", sql("40001"));
		assertThat(Failures.ofRead(serialization, "test")).isEqualTo(Failures.of(serialization, "test"));
	}

	private static SQLException sql(String state) {
		return new SQLException("ERROR: something in SQL at java.sql", state);
	}
}
