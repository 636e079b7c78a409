package io.staybook.shared.web;

import io.staybook.shared.DomainException.FieldError;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds every RFC 9457 problem this service returns, so that they all have the same members: {@code type} (a URN that
 * names the stable {@code code}), {@code title}, {@code status}, {@code detail}, {@code instance}, {@code code}, and
 * {@code errors} for validation failures.
 */
public final class Problems {

	private static final String TYPE_PREFIX = "urn:staybook:problem:";

	private Problems() {
	}

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

	public static ProblemDetail validation(List<FieldError> errors, String instance) {
		ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation_failed", "The request is not valid.", instance);
		problem.setProperty("errors", errors);
		return problem;
	}

	public static String defaultCode(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return known != null ? known.name().toLowerCase(Locale.ROOT) : "error";
	}
}
