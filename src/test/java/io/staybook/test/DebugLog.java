package io.staybook.test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logger at DEBUG for the length of a try-with-resources block, then back to its level: for tests that read a line
 * the service logs at DEBUG (such as {@code Scheduled job ...}), without a Spring context of their own.
 */
public final class DebugLog implements AutoCloseable {

	private final Logger logger;

	private final Level before;

	private DebugLog(Class<?> type) {
		this.logger = (Logger) LoggerFactory.getLogger(type);
		this.before = logger.getLevel();
		logger.setLevel(Level.DEBUG);
	}

	public static DebugLog of(Class<?> type) {
		return new DebugLog(type);
	}

	@Override
	public void close() {
		logger.setLevel(before);
	}
}
