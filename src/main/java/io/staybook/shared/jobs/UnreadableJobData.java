package io.staybook.shared.jobs;

import com.github.kagkarlsson.scheduler.exceptions.SerializationException;
import java.io.Serial;

/**
 * A job's stored data that no node can read: a Java-serialized row of an earlier release that
 * {@link JobDataSerializer}'s allow-list refuses, or that is malformed. Retrying cannot help, so {@link RetryPolicy}
 * dead-letters the job at its first failure.
 */
public final class UnreadableJobData extends SerializationException {

	@Serial
	private static final long serialVersionUID = 1L;

	UnreadableJobData(String message, Throwable cause) {
		super(message, cause);
	}
}
