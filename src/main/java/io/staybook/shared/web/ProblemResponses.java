package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem detail from code that runs before Spring MVC: servlet filters and the security chain. */
@Component
public class ProblemResponses {

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Writes the problem+json of {@code status} with {@code code} and {@code detail} for {@code request}, from a
	 * filter, before Spring MVC's error handling is there to do it.
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail) throws IOException {
		ProblemDetail problem = Problems.of(status, code, detail, request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		// not closed: a caller may still flush it (to send it before reading the rest of a body), the container closes it
		response.getOutputStream().write(json.writeValueAsBytes(problem));
	}

	/**
	 * Writes {@code answer} (a problem entity of {@link Problems#response}: its status, headers and body) from a
	 * filter.
	 */
	public void write(HttpServletResponse response, ResponseEntity<ProblemDetail> answer) throws IOException {
		response.setStatus(answer.getStatusCode().value());
		answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getOutputStream().write(json.writeValueAsBytes(answer.getBody()));
	}
}
