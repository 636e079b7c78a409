package io.staybook.shared;

import java.time.Duration;
import java.util.List;

/**
 * A rule of the domain refused a request. It carries a stable machine-readable {@code code}, a message fit for the
 * client, and a {@link Kind} that the REST and GraphQL adapters translate to a status or a classification, each in
 * exactly one place.
 */
public class DomainException extends RuntimeException {

	/**
	 * What kind of refusal this is; the REST adapter maps each to one HTTP status, the GraphQL adapter to one
	 * error classification.
	 */
	public enum Kind {
		BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE,
		/** An upload over its size limit (413). */
		PAYLOAD_TOO_LARGE,
		/** An upload whose content is of a kind not accepted (415). */
		UNSUPPORTED_MEDIA_TYPE,
		/** A request's {@code If-Match} or {@code If-None-Match} does not hold (412). */
		PRECONDITION_FAILED
	}

	/** A failure of one request field, by its name as the client sent it ({@code check_in}, {@code input.title}). */
	public record FieldError(String field, String message) {
	}

	private final Kind kind;

	private final String code;

	private final List<FieldError> fieldErrors;

	private final Duration retryAfter;

	protected DomainException(Kind kind, String code, String message, List<FieldError> fieldErrors,
			Duration retryAfter) {
		super(message, null, false, false);
		this.kind = kind;
		this.code = code;
		this.fieldErrors = List.copyOf(fieldErrors);
		this.retryAfter = retryAfter;
	}

	/** A request the rules refuse as a whole: 400 with {@code code}. */
	public static DomainException badRequest(String code, String message) {
		return new DomainException(Kind.BAD_REQUEST, code, message, List.of(), null);
	}

	/** A validation failure of one request field, reported under {@code errors[]}. */
	public static DomainException invalidField(String field, String message) {
		return new DomainException(Kind.BAD_REQUEST, "validation_failed", "The request is not valid.",
				List.of(new FieldError(field, message)), null);
	}

	/** Several validation failures at once, reported under {@code errors[]}. */
	public static DomainException invalidFields(List<FieldError> errors) {
		return new DomainException(Kind.BAD_REQUEST, "validation_failed", "The request is not valid.", errors, null);
	}

	/**
	 * The caller's account was deleted while its request was under way (the database refused its write, V46 and
	 * V49): the 401 {@code unauthorized} every request of a deleted account gets.
	 */
	public static DomainException accountDeleted() {
		return unauthorized("unauthorized", "A valid access token is required.");
	}

	/** No or bad credentials: 401 with {@code code}. */
	public static DomainException unauthorized(String code, String message) {
		return new DomainException(Kind.UNAUTHORIZED, code, message, List.of(), null);
	}

	/**
	 * Credentials that may not do this: 403 with {@code code}. Where even the record's existence is private, use
	 * {@link #notFound} instead.
	 */
	public static DomainException forbidden(String code, String message) {
		return new DomainException(Kind.FORBIDDEN, code, message, List.of(), null);
	}

	/** {@code what} does not exist, or the actor may not see it: 404 {@code not_found}, "{@code what} not found.". */
	public static DomainException notFound(String what) {
		return new DomainException(Kind.NOT_FOUND, "not_found", what + " not found.", List.of(), null);
	}

	/** The request clashes with the record's current state (dates taken, a stale version): 409 with {@code code}. */
	public static DomainException conflict(String code, String message) {
		return new DomainException(Kind.CONFLICT, code, message, List.of(), null);
	}

	/** Too many requests: 429 with {@code code} and {@code Retry-After} of {@code retryAfter} (RFC 6585 §4). */
	public static DomainException tooManyRequests(String code, String message, Duration retryAfter) {
		return new DomainException(Kind.TOO_MANY_REQUESTS, code, message, List.of(), retryAfter);
	}

	/**
	 * The service is too busy for this request right now (a 503 with {@code Retry-After}), as when every permit for
	 * password hashing is taken: load is shed with an answer instead of a queue that never ends.
	 */
	public static DomainException unavailable(String code, String message, Duration retryAfter) {
		return new DomainException(Kind.SERVICE_UNAVAILABLE, code, message, List.of(), retryAfter);
	}

	/** An uploaded file over its size limit: 413 (RFC 9110 §15.5.14). */
	public static DomainException payloadTooLarge(String code, String message) {
		return new DomainException(Kind.PAYLOAD_TOO_LARGE, code, message, List.of(), null);
	}

	/** An uploaded file whose content is not of an accepted kind: 415 (RFC 9110 §15.5.16). */
	public static DomainException unsupportedMediaType(String code, String message) {
		return new DomainException(Kind.UNSUPPORTED_MEDIA_TYPE, code, message, List.of(), null);
	}

	/** A conditional request whose precondition does not hold: 412 (RFC 9110 §15.5.13), nothing changed. */
	public static DomainException preconditionFailed(String code, String message) {
		return new DomainException(Kind.PRECONDITION_FAILED, code, message, List.of(), null);
	}

	/** What kind of refusal this is. */
	public Kind kind() {
		return kind;
	}

	/** The stable machine-readable code, the last segment of the problem's {@code type}. */
	public String code() {
		return code;
	}

	/** The failures of single fields, empty unless the code is {@code validation_failed}. */
	public List<FieldError> fieldErrors() {
		return fieldErrors;
	}

	/** How long the client should wait; only for {@link Kind#TOO_MANY_REQUESTS} and {@link Kind#SERVICE_UNAVAILABLE}. */
	public Duration retryAfter() {
		return retryAfter;
	}
}
