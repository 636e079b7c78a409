package io.staybook.shared.web;

import io.staybook.shared.DomainException.FieldError;
import io.staybook.shared.Failure;
import io.staybook.shared.Failures;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds every RFC 9457 problem this service returns, so that they all have the same members: {@code type} (a URN that
 * names the stable {@code code}), {@code title}, {@code status}, {@code detail}, {@code instance}, {@code code}, and
 * {@code errors} for validation failures.
 */
public final class Problems {

	private static final String TYPE_PREFIX = "urn:staybook:problem:";

	private static final String REALM = "Bearer realm=\"staybook\"";

	private Problems() {
	}

	/**
	 * An RFC 9457 problem: type {@code <prefix><code>} (the status's own code when {@code code} is null), title,
	 * status, detail and instance.
	 */
	public static ProblemDetail of(HttpStatusCode status, String code, String detail, String instance) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		String stableCode = code != null ? code : defaultCode(status);
		problem.setType(URI.create(TYPE_PREFIX + stableCode));
		HttpStatus known = HttpStatus.resolve(status.value());
		problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
		if (instance != null && !instance.isBlank()) {
			problem.setInstance(URI.create(instance));
		}
		problem.setProperty("code", stableCode);
		return problem;
	}

	/**
	 * The answer to a failure {@link io.staybook.shared.Failures} translated: its status, code, detail and field
	 * errors, and {@code Retry-After} (whole seconds, at least 1) when it has one. An {@code instance} that is not a
	 * valid URI reference is left out.
	 */
	public static ResponseEntity<ProblemDetail> response(Failure failure, String instance) {
		HttpStatus status = HttpStatus.valueOf(failure.kind().status());
		ProblemDetail problem;
		try {
			problem = of(status, failure.code(), failure.detail(), instance);
		}
		catch (IllegalArgumentException ex) {
			problem = of(status, failure.code(), failure.detail(), null);
		}
		if (!failure.errors().isEmpty()) {
			problem.setProperty("errors", failure.errors());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (failure.retryAfter() != null) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, failure.retryAfter().toSeconds())));
		}
		if (status == HttpStatus.UNAUTHORIZED) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, challenge(null));
		}
		return response.body(problem);
	}

	/**
	 * The {@code WWW-Authenticate} challenge every 401 carries (RFC 9110 §15.5.2 requires one; clients such as
	 * Android's {@code HttpURLConnection} fail on a 401 without it): {@code Bearer realm="staybook"}, with RFC 6750
	 * §3's {@code error} (such as {@code invalid_token}) when a bearer token was presented and refused, else none.
	 */
	public static String challenge(String error) {
		return error == null ? REALM : REALM + ", error=\"" + error + "\"";
	}

	/**
	 * Whether {@code request} only reads: GET or HEAD (RFC 9110 §9.2.1, safe methods), whose failures are translated
	 * by {@link io.staybook.shared.Failures#ofRead}. False for no request.
	 */
	public static boolean reads(jakarta.servlet.http.HttpServletRequest request) {
		return request != null && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
	}

	/**
	 * The answer to {@code error}, thrown while serving {@code request} (a controller's, a filter's or one the error
	 * dispatch reports), as {@link Failures} translates it ({@code ofRead} for a request that only
	 * {@link #reads}); {@code instance} names the request in the problem and the log.
	 */
	public static ResponseEntity<ProblemDetail> failed(jakarta.servlet.http.HttpServletRequest request,
			Throwable error, String instance) {
		return response(reads(request) ? Failures.ofRead(error, instance) : Failures.of(error, instance), instance);
	}

	/** 400 {@code validation_failed} with {@code errors} under {@code errors[]}. */
	public static ProblemDetail validation(List<FieldError> errors, String instance) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation_failed", "The request is not valid.", instance);
		problem.setProperty("errors", errors);
		return problem;
	}

	/** The code of a problem without its own: the status's name in lower case ({@code not_found}), or {@code error}. */
	public static String defaultCode(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return known != null ? known.name().toLowerCase(Locale.ROOT) : "error";
	}
}
