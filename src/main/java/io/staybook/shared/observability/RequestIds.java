package io.staybook.shared.observability;

import java.util.Enumeration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
	 * header), else a new random UUID (version 4).
	 */
	public static String acceptOrGenerate(String sent) {
		return sent != null && VALID.matcher(sent).matches() ? sent : newId();
	}

	/**
	 * {@link #acceptOrGenerate(String)} of the request's {@code X-Request-Id} field lines: a new id unless exactly one
	 * was sent. Two are not a list (RFC 9110 §5.3) and each may be another hop's idea of the request's id, so neither is
	 * echoed; the request is refused with 400 {@code duplicate_header} (io.staybook.shared.web.RepeatedHeaderFilter) under
	 * an id of its own.
	 */
	public static String acceptOrGenerate(Enumeration<String> lines) {
		if (lines == null || !lines.hasMoreElements()) {
			return newId();
		}
		String sent = lines.nextElement();
		return lines.hasMoreElements() ? newId() : acceptOrGenerate(sent);
	}

	/**
	 * A version 4 UUID from {@link ThreadLocalRandom}, not {@link UUID#randomUUID()}'s {@code SecureRandom}: a request id
	 * names a request in logs and traces and guards nothing, so it needs to be unique, not unguessable, and the
	 * {@code SecureRandom} draw was 0.8 % of a cached listing read (issue 12's profile).
	 */
	private static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		// RFC 9562, 5.4: version 4 in bits 48-51, variant 10 in bits 64-65
		long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
		long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb).toString();
	}
}
