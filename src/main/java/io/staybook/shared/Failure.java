package io.staybook.shared;

import io.staybook.shared.DomainException.FieldError;
import java.time.Duration;
import java.util.List;

/**
 * A failed request as both APIs report it, made by {@link Failures#of}: what kind of failure (an HTTP status for REST, a
 * classification for GraphQL), a stable machine-readable {@code code}, a {@code detail} fit for the client (never SQL, a
 * class name or a stack trace), the field errors of a validation failure (field names in the REST bodies' snake_case),
 * and how long to wait before retrying when that is known ({@code Retry-After}), else null.
 */
public record Failure(Kind kind, String code, String detail, List<FieldError> errors, Duration retryAfter) {

	/** Copies {@code errors}. */
	public Failure {
		errors = List.copyOf(errors);
	}

	Failure(Kind kind, String code, String detail) {
		this(kind, code, detail, List.of(), null);
	}

	/** The families of failure, each with its HTTP status. */
	public enum Kind {

		BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_MANY_REQUESTS(429),
		INTERNAL_ERROR(500),
		/** An uploaded file too large (a photo over 10 MiB). */
		PAYLOAD_TOO_LARGE(413),
		/** An uploaded file of a kind not accepted (a photo that is no JPEG, PNG or WebP). */
		UNSUPPORTED_MEDIA_TYPE(415),
		/** An {@code If-Match} or {@code If-None-Match} that does not hold. */
		PRECONDITION_FAILED(412),
		/** Something we depend on (the database) is down, overloaded or too slow: retry later. */
		SERVICE_UNAVAILABLE(503);

		private final int status;

		Kind(int status) {
			this.status = status;
		}

		/** The HTTP status of this kind. */
		public int status() {
			return status;
		}
	}
}
