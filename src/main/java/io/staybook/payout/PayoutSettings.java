package io.staybook.payout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payouts, under {@code staybook.payouts}.
 *
 * @param hostFeeRate the platform's share of a stay's nights' amount ({@code total_price − cleaning_fee −
 *        service_fee}) kept from the host's payout: 0.03 for 3 %, in [0, 1); of a late cancellation's, the share of
 *        the nights kept (never more than what the host's side kept, so a payout is never negative)
 * @param delay how long after the stay's (scheduled) check-in its payout falls due (24 hours, as Airbnb's), a
 *        cancelled booking's too
 * @param checkInTime the local time, in the listing's time zone, at which a stay's check-in date begins for the
 *        payout (listings have no check-in time of their own yet); 15:00 by default
 * @param sweepInterval how often the sweep makes due payouts and pays them
 * @param lookback how long after its check-out a checked-in, completed or late-cancelled stay is still looked at by
 *        the sweep: a node outage longer than this leaves such stays to an operator (the reconciliation reports them)
 * @param claimTimeout how long a sweep may take to pay a payout it claimed before another sweep may try it again
 *        (a node that died mid-call); the retry uses the same idempotency key
 * @param retryFailedAfter how long a failed payout waits before the sweep tries it again (a host who has set up
 *        their account since is then paid)
 * @param batch how many payouts one sweep makes and pays at most
 */
@ConfigurationProperties("staybook.payouts")
public record PayoutSettings(@DefaultValue("0.03") BigDecimal hostFeeRate, @DefaultValue("24h") Duration delay,
		@DefaultValue("15:00") LocalTime checkInTime, @DefaultValue("1m") Duration sweepInterval,
		@DefaultValue("30d") Duration lookback, @DefaultValue("5m") Duration claimTimeout,
		@DefaultValue("1h") Duration retryFailedAfter, @DefaultValue("200") int batch) {

	/** @throws IllegalArgumentException for a host fee rate outside [0, 1) or a batch under 1 */
	public PayoutSettings {
		if (hostFeeRate.signum() < 0 || hostFeeRate.compareTo(BigDecimal.ONE) >= 0) {
			throw new IllegalArgumentException("staybook.payouts.host-fee-rate must be in [0, 1), got " + hostFeeRate);
		}
		if (batch < 1) {
			throw new IllegalArgumentException("staybook.payouts.batch must be at least 1");
		}
	}

	/** These settings with another {@code lookback} (the demo data's payouts look further back than the sweep). */
	public PayoutSettings withLookback(Duration lookback) {
		return new PayoutSettings(hostFeeRate, delay, checkInTime, sweepInterval, lookback, claimTimeout,
				retryFailedAfter, batch);
	}
}
