package io.staybook.shared.web;

import io.staybook.shared.Failures;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside Spring MVC (by the servlet container or a filter) with a problem detail, in place of
 * Spring Boot's default error body, which could carry an exception's message. An exception a filter threw is
 * translated by {@link Failures}, as a controller's is: the account lookup of a bearer token (a filter) that cannot
 * reach PostgreSQL is a 503 with {@code Retry-After}, not a 500.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String instance = uri != null ? uri.toString() : null;
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable thrown
				&& (!(code instanceof Integer value) || value == 500)) {
			return Problems.failed(request, thrown, instance);
		}
		ProblemDetail problem = problem(code instanceof Integer value ? value : 500, instance);
		HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * The problem for an error status the container set, which says no more than the status does (its message could
	 * name a class). An unknown status is a 500; an {@code instance} that is not a valid URI reference is left out. A 501
	 * (an unknown transfer coding) or 505 says what was refused rather than blaming the service.
	 */
	static ProblemDetail problem(int statusCode, String uri) {
		HttpStatus status = HttpStatus.resolve(statusCode) != null && statusCode >= 400 ? HttpStatus.valueOf(statusCode)
				: HttpStatus.INTERNAL_SERVER_ERROR;
		String detail = switch (status) {
			// the container's answers to what the client sent, not failures of ours
			case NOT_IMPLEMENTED -> "The request's method or transfer coding is not one the service implements.";
			case HTTP_VERSION_NOT_SUPPORTED -> "The service speaks HTTP/1.1 and HTTP/1.0.";
			default -> status.is5xxServerError() ? "Something went wrong on our side." : status.getReasonPhrase() + ".";
		};
		try {
			return Problems.of(status, null, detail, uri);
		}
		catch (IllegalArgumentException ex) {
			return Problems.of(status, null, detail, null);
		}
	}
}
