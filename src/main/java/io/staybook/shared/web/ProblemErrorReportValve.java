package io.staybook.shared.web;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import io.staybook.shared.observability.RequestIds;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word on an error that no servlet answered, as a problem detail instead of Tomcat's HTML page: requests
 * the container itself refuses before Spring sees them (a {@code %00} or encoded slash in the path, a header over the
 * size limit, a malformed request line). Installed as the host's error report valve by {@link ContainerErrorConfig}; its
 * guards are those of the {@link ErrorReportValve} it replaces. Tomcat creates it by class name, hence public.
 * <p>
 * Tomcat answers a request head over its size limit ({@code server.max-http-request-header-size}, 8 KiB) or with more
 * header fields than {@code maxHeaderCount} (100) with a bare 400. This valve says which limit it was: 414 URI Too Long
 * when the request line alone did not fit (RFC 9110 §15.5.15), 431 Request Header Fields Too Large otherwise (RFC 6585
 * §5), so that a client or proxy knows to shorten its URL, or drop cookies and headers, rather than retry as it was.
 * Tomcat says which only by the message of the exception it stops on, read here through its own message catalogue.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Http11InputBuffer's message for a request line or header block over maxHttpHeaderSize. */
	private static final String HEAD_TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
		.getString("iib.requestheadertoolarge.error");

	/** Where MimeHeaders' message for more header fields than maxHeaderCount comes from. */
	private static final StringManager HEADER_COUNT = StringManager.getManager("org.apache.tomcat.util.http");

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status == 400 && throwable != null) {
			int reported = headTooLarge(request, throwable, status);
			if (reported != status) {
				response.setStatus(reported);
				status = reported;
			}
		}
		// as ErrorReportValve: not for a success, not when a body is already written, and only once
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			// a request refused before the filters never met RequestIdFilter; its answer carries an id all the same
			if (response.getHeader(RequestIds.HEADER) == null) {
				response.setHeader(RequestIds.HEADER, RequestIds.acceptOrGenerate(request.getHeaders(RequestIds.HEADER)));
			}
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(
						members(ProblemErrorController.problem(status, request.getRequestURI()))));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response was committed meanwhile: nothing left to tell it
		}
	}

	/**
	 * 414 or 431 when {@code error} is Tomcat's refusal of a request head over its limits, else {@code status}. The
	 * request line did not fit when Tomcat stopped before it had read the request target.
	 */
	private static int headTooLarge(Request request, Throwable error, int status) {
		String message = error.getMessage();
		if (error instanceof IllegalArgumentException && HEAD_TOO_LARGE.equals(message)) {
			String target = request.getCoyoteRequest().requestURI().toString();
			return target == null || target.isEmpty() ? 414 : 431;
		}
		if (error instanceof IllegalStateException && request.getConnector() != null
				&& request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
				&& HEADER_COUNT.getString("headers.maxCountFail", http.getMaxHeaderCount()).equals(message)) {
			return 431;
		}
		return status;
	}

	private static Map<String, Object> members(ProblemDetail problem) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("type", problem.getType().toString());
		members.put("title", problem.getTitle());
		members.put("status", problem.getStatus());
		members.put("detail", problem.getDetail());
		if (problem.getInstance() != null) {
			members.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			members.putAll(problem.getProperties());
		}
		return members;
	}
}
