package io.staybook.payout;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A host's payouts made in [{@code from}, {@code to}) (UTC days; null: unbounded), totalled per currency and status.
 *
 * @param totals sorted by currency, then status; a currency and status without payouts is absent
 */
public record PayoutSummary(LocalDate from, LocalDate to, List<Total> totals) {

	/**
	 * {@code count} payouts of {@code status} in {@code currency}, whose amounts (what went, or goes, to the host) add
	 * up to {@code amount}, and whose deductions (refunds after earlier payouts, recovered from these) add up to
	 * {@code deducted}.
	 */
	public record Total(String currency, PayoutStatus status, long count, BigDecimal amount, BigDecimal deducted) {
	}
}
