package io.staybook.shared.jobs;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A table whose rows are deleted once older than {@code retention}, by the timestamp in {@code timeColumn}; declared as
 * a bean by the module that owns the table, and carried out by {@link BatchedPurge}. The names are the code's, never
 * input, and are checked to be plain SQL identifiers.
 *
 * @param table the table, e.g. {@code sent_mails}
 * @param timeColumn a {@code timestamptz} column, indexed, that says when the row was made
 * @param retention how long a row is kept
 */
public record Purge(String table, String timeColumn, Duration retention) {

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	/**
	 * @throws IllegalArgumentException when the table or time column is not a plain SQL identifier, or the retention
	 * is not positive
	 */
	public Purge {
		if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(timeColumn).matches()) {
			throw new IllegalArgumentException("Not a plain SQL identifier: " + table + "." + timeColumn);
		}
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("The retention of " + table + " must be positive: " + retention);
		}
	}

	/**
	 * This purge, after checking that it keeps rows at least {@code minimum}.
	 * @throws IllegalStateException if it does not, naming {@code why}: a configuration that would break a guarantee
	 */
	public Purge keepingAtLeast(Duration minimum, String why) {
		if (retention.compareTo(minimum) < 0) {
			throw new IllegalStateException("The retention of " + table + " (" + retention + ") must be at least "
					+ minimum + ": " + why);
		}
		return this;
	}
}
