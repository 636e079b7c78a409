package io.staybook.shared.web;

import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.Failures;
import io.staybook.shared.JsonEnums;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where exceptions become HTTP problem details. Spring MVC's own exceptions (bad JSON, wrong types,
 * unknown paths) get a message written here; every other failure is translated by {@link Failures}, shared with the
 * GraphQL API, so no stack trace, SQL or class name ever reaches a client.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	/**
	 * Every failure that Spring MVC does not handle itself (domain, validation, database, security, unexpected) is
	 * translated by {@link Failures}, the same translator GraphQL uses ({@link Failures#ofRead} for a GET or HEAD),
	 * and answered as a problem detail.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<?> failure(Exception ex, NativeWebRequest request) {
		String path = path(request);
		return Problems.failed(request.getNativeRequest(jakarta.servlet.http.HttpServletRequest.class), ex, path);
	}

	/** A header the firewall refuses, read by a handler: see {@link RejectedRequests}. */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<Object> rejected(RequestRejectedException ex, NativeWebRequest request) {
		return problem(Problems.of(HttpStatus.BAD_REQUEST, RejectedRequests.CODE, RejectedRequests.DETAIL,
				path(request)), HttpHeaders.EMPTY);
	}

	/**
	 * A {@code multipart/form-data} body the container cannot parse (no or a wrong boundary, a part cut off): the
	 * client's malformed request, like malformed JSON, not a failure of ours. A part over the parser's limits is the
	 * subclass {@code MaxUploadSizeExceededException}, answered by {@link #handleMaxUploadSizeExceededException}.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> malformedMultipart(MultipartException ex, NativeWebRequest request) {
		return problem(Problems.of(HttpStatus.BAD_REQUEST, "malformed_multipart",
				"The request body is not valid multipart/form-data (RFC 7578).", path(request)), HttpHeaders.EMPTY);
	}

	/**
	 * A body over the size limits never reaches the multipart parser ({@link BodySizeLimitFilter} answers it 413 first,
	 * and the multipart limits are the same 11 MiB), so the parser's own size failure is about one part: headers longer
	 * than the container takes (a file name of thousands of characters), a text field over its limit, or more parts
	 * than it takes. Spring's default was a 413 saying the content was too large, which it was not.
	 */
	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(Problems.of(HttpStatus.BAD_REQUEST, "malformed_multipart", "A part of the multipart body is"
				+ " outside the parser's limits: its headers too long (a file name of hundreds of characters, say), a"
				+ " text field too large, or too many parts.", path(request)), HttpHeaders.EMPTY);
	}

	/**
	 * A required part that is not there; a text field of its name, sent where a file was asked for ({@code curl -F
	 * file=photo.jpg} without {@code @}, a string appended to a FormData), is said to be no file rather than missing.
	 */
	@Override
	protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String name = ex.getRequestPartName();
		String message = request.getParameter(name) != null
				? "must be a file (a part with a filename), not a text field" : "is required";
		return problem(Problems.validation(List.of(new FieldError(name, message)), path(request)), HttpHeaders.EMPTY);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach(error -> errors
			.add(new FieldError(Failures.snakeCase(error.getField()), fieldMessage(error))));
		ex.getBindingResult().getGlobalErrors().forEach(error -> errors
			.add(new FieldError(Failures.snakeCase(error.getObjectName()), message(error))));
		return problem(Problems.validation(errors, path(request)), HttpHeaders.EMPTY);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach(error -> errors.add(new FieldError(Failures.snakeCase(String.valueOf(name)), message(error))));
		}
		return problem(Problems.validation(errors, path(request)), HttpHeaders.EMPTY);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (BodySizeLimitFilter.isTooLarge(ex)) {
			return problem(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
					"The request body is larger than 1 MiB.", path(request)), HttpHeaders.EMPTY);
		}
		FieldError error = JsonReadErrors.describe(ex);
		if (error == null) {
			return problem(Problems.of(HttpStatus.BAD_REQUEST, "malformed_json",
					"The request body is missing or is not valid JSON.", path(request)), HttpHeaders.EMPTY);
		}
		return problem(Problems.validation(List.of(error), path(request)), HttpHeaders.EMPTY);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
		return problem(Problems.validation(
				List.of(new FieldError(Failures.snakeCase(name), mismatch(ex.getRequiredType()))), path(request)),
				HttpHeaders.EMPTY);
	}

	@SuppressWarnings("unchecked")
	private static String mismatch(Class<?> type) {
		return type != null && type.isEnum() ? "must be one of: " + JsonEnums.allowed((Class<? extends Enum<?>>) type)
				: "has an invalid value";
	}

	/**
	 * A field's message; for a value that could not be converted (a query parameter bound to an object's field, as
	 * db-scheduler-ui's {@code ?sorting=}), the message of {@link #handleTypeMismatch}: Spring's default names the
	 * Java types ("Failed to convert ... to required type 'no.bekk...TaskSort'").
	 */
	private static String fieldMessage(org.springframework.validation.FieldError error) {
		if (!error.isBindingFailure()) {
			return message(error);
		}
		return mismatch(error.contains(TypeMismatchException.class)
				? error.unwrap(TypeMismatchException.class).getRequiredType() : null);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(Problems.validation(List.of(new FieldError(ex.getParameterName(), "is required")),
				path(request)), HttpHeaders.EMPTY);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return problem(Problems.of(HttpStatus.NOT_FOUND, "not_found", "There is no such endpoint.", path(request)),
				HttpHeaders.EMPTY);
	}

	@Override
	protected ResponseEntity<Object> handleServletRequestBindingException(
			org.springframework.web.bind.ServletRequestBindingException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (ex instanceof MissingRequestHeaderException missing) {
			return problem(Problems.of(HttpStatus.BAD_REQUEST, "missing_header",
					"The header " + missing.getHeaderName() + " is required.", path(request)), HttpHeaders.EMPTY);
		}
		return super.handleServletRequestBindingException(ex, headers, status, request);
	}

	/**
	 * Every other framework exception arrives here with Spring's own problem body; it gets our type, code and instance,
	 * and keeps Spring's detail, which names no class.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
				: HttpStatus.valueOf(status.value()).getReasonPhrase();
		if (ex instanceof HttpRequestMethodNotSupportedException wrongMethod) {
			headers = HttpHeaders.copyOf(headers);
			UnroutedRequests.allow(wrongMethod).ifPresent(headers::setAllow);
		}
		ResponseEntity<Object> response = problem(Problems.of(status, null, detail, path(request)), headers);
		return response;
	}

	private static ResponseEntity<Object> problem(ProblemDetail problem, HttpHeaders headers) {
		return ResponseEntity.status(problem.getStatus())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private static String message(MessageSourceResolvable error) {
		return error.getDefaultMessage() != null ? error.getDefaultMessage() : "is invalid";
	}

	private static String path(WebRequest request) {
		return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
	}
}
