package io.staybook.payout;

import io.staybook.shared.DemoDataSwitch;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the demo hosts' payouts of the demo's past stays, as the payout sweep would have when each fell due. The
 * sweep looks back only {@code staybook.payouts.lookback} (30 days) after check-out, and the demo writes stays up to 60
 * days back ({@code BookingDemoData}), so without this the oldest of them were never paid out and a fresh demo's
 * money reconciliation reported each as {@code payout_missing}. Runs after the demo payments and makes their payouts with
 * a lookback long enough for them, as the sweep makes its own (idempotent: a start that loads nothing makes nothing);
 * the sweep then pays them, within its interval, off the start's path (the sandbox takes 300 ms a call).
 */
@Component
@Order(36)
class PayoutDemoData implements ApplicationRunner {

	/** Past the oldest demo stay's check-out, with room for its nights. */
	static final Duration LOOKBACK = Duration.ofDays(90);

	private static final Logger log = LoggerFactory.getLogger(PayoutDemoData.class);

	private final PayoutSweep sweep;

	private final PayoutSettings settings;

	private final DemoDataSwitch demoData;

	private final Clock clock;

	PayoutDemoData(PayoutSweep sweep, PayoutSettings settings, DemoDataSwitch demoData, Clock clock) {
		this.sweep = sweep;
		this.settings = settings;
		this.demoData = demoData;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demoData.enabled()) {
			return;
		}
		Duration lookback = settings.lookback().compareTo(LOOKBACK) > 0 ? settings.lookback() : LOOKBACK;
		int made = sweep.make(lookback, clock.instant());
		if (made > 0) {
			log.info("Made {} demo payouts, paid by the payout sweep within {}", made, settings.sweepInterval());
		}
	}
}
