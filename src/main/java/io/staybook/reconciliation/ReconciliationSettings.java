package io.staybook.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval how often the recurring job checks everything
 * @param grace how long a refund may stay {@code pending}, and a payment {@code pending}, before it is reported as
 * stuck (a job's retries with back-off take about two hours at the defaults; a refund in flight is not a discrepancy)
 * @param providerWindow how far back paid payments are compared with the provider's view
 * @param providerChecks at most this many payments asked of the provider per run, newest first
 * @param maxPerKind at most this many discrepancies of one kind reported per run (the rest are alike)
 * @param keepReports how many reports are kept; older ones are deleted by the run that writes a new one
 * @param deductionOverdueAfter how long a host's debt for a refund made after their payout may wait for their later
 * payouts to recover it before it is reported ({@code payout_deduction_unrecovered}); 30 days by default
 * @param payoutWindow how far back, by check-out date, stays are looked at for a payout that fell due and was never
 * made ({@code payout_missing}); longer than the payout sweep's lookback (30 days), so that a stay the sweep no
 * longer reads is still reported for a while; 90 days by default (older stays, from before payouts, are not asked)
 */
@ConfigurationProperties("staybook.reconciliation")
public record ReconciliationSettings(@DefaultValue("15m") Duration interval, @DefaultValue("1h") Duration grace,
		@DefaultValue("30d") Duration providerWindow, @DefaultValue("200") int providerChecks,
		@DefaultValue("1000") int maxPerKind, @DefaultValue("96") int keepReports,
		@DefaultValue("30d") Duration deductionOverdueAfter, @DefaultValue("90d") Duration payoutWindow) {
}
