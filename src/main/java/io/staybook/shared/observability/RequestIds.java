package io.staybook.shared.observability;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id: the {@code X-Request-Id} header a client may send and every response carries, and the MDC key
 * {@value #MDC_KEY} under which every log line of the request (and of the jobs it schedules, see
 * {@link JobLogContext}) carries it.
 */
public final class RequestIds {

	/** The request and response header. */
	public static final String HEADER = "X-Request-Id";

	/** The MDC key of the request id. */
	public static final String MDC_KEY = "request_id";

	/** The MDC key of a running job: {@code task-name/instance-id}. */
	public static final String JOB_MDC_KEY = "job";

	/** A client's id is kept if it is at most this many characters of {@code [A-Za-z0-9._-]}. */
	public static final int MAX_LENGTH = 128;

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

	private RequestIds() {
	}

	/**
	 * The client's id if it is safe to log and echo (no spaces, quotes or line breaks that could forge a log line or a
	 * header), else a new random UUID.
	 */
	public static String acceptOrGenerate(String sent) {
		return sent != null && VALID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
	}
}
