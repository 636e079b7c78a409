package io.staybook.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request Spring Security's {@code StrictHttpFirewall} refuses (a header value with control bytes such as 0x80–0x9F,
 * which is how a UTF-8 "✓" arrives; an encoded slash or dot segment in the path) is the client's fault: 400 with the
 * code {@code request_rejected}, not the 500 Spring Security's default handler ends in. The firewall checks headers
 * lazily, when they are read, so a rejection surfaces either out of the security filter chain (answered here, picked up
 * by Spring Security as the {@link RequestRejectedHandler} bean) or inside a handler (answered by
 * {@link ProblemDetailsAdvice} with the same code and detail).
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

	static final String CODE = "request_rejected";

	static final String DETAIL = "The request has a header or path the service does not accept, such as a control "
			+ "character in a header value; header values must be printable ASCII.";

	private final ProblemResponses problems;

	RejectedRequests(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		problems.write(request, response, HttpStatus.BAD_REQUEST, CODE, DETAIL);
	}
}
