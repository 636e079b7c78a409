package io.staybook.payout;

import io.staybook.payment.PaymentProvider;
import io.staybook.payment.PaymentProvider.PayoutOrder;
import io.staybook.payment.PaymentProvider.PayoutResult;
import io.staybook.payment.PaymentProvider.ProviderUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payout sweep: makes the payouts that have fallen due ({@link PayoutRows#makeDue}: stays checked in or
 * completed, and paid bookings cancelled late enough for the host to keep part of the money, each only if it owes the
 * host more than zero), takes off them, in the same transaction, what their hosts owe back for refunds made after
 * earlier payouts ({@link PayoutDeductions#recover}), and pays the pending ones through the provider, outside any transaction, each under an idempotency key derived from its id and
 * attempt. Safe on several nodes at once and across crashes: a payout exists once per booking, is claimed by one sweep
 * at a time, and a claim left by a dead node expires and is retried with the same key, so the host is paid once. The
 * first payout the provider does not answer ends the batch: the rest are released unasked, for the next sweep.
 */
@Component
class PayoutSweep {

	private static final Logger log = LoggerFactory.getLogger(PayoutSweep.class);

	private final PayoutRows rows;

	private final PayoutDeductions deductions;

	private final TransactionTemplate transactions;

	private final PaymentProvider provider;

	private final PayoutSettings settings;

	private final Clock clock;

	PayoutSweep(PayoutRows rows, PayoutDeductions deductions, TransactionTemplate transactions,
			PaymentProvider provider, PayoutSettings settings, Clock clock) {
		this.rows = rows;
		this.deductions = deductions;
		this.transactions = transactions;
		this.provider = provider;
		this.settings = settings;
		this.clock = clock;
	}

	/** What one sweep did: payouts made, paid, refused, and left for a later sweep after an outage. */
	record Result(int made, int paid, int failed, int retrying) {
	}

	/**
	 * Makes due payouts and pays what it can claim, a batch of each.
	 *
	 * @throws IllegalStateException after the sweep, if recording some payout's answer failed (each is logged); the
	 *         payout stays claimed and is retried with the same key once the claim expires
	 */
	Result sweep() {
		Instant now = clock.instant();
		int made = make(settings.lookback(), now);
		List<PayoutRows.Claimed> claimed = rows.claim(provider.name(), now, now.minus(settings.claimTimeout()),
				now.minus(settings.retryFailedAfter()), settings.batch());
		int paid = 0;
		int failed = 0;
		int retrying = 0;
		int broken = 0;
		for (int i = 0; i < claimed.size(); i++) {
			PayoutRows.Claimed payout = claimed.get(i);
			try {
				switch (pay(payout)) {
					case PAID -> paid++;
					case FAILED -> failed++;
					case PENDING -> retrying++;
				}
			}
			catch (RuntimeException ex) {
				broken++;
				log.warn("Payout {} could not be paid by the sweep", payout.id(), ex);
			}
			if (retrying > 0) {
				// the provider is out: the rest would each wait for its timeout too (a batch of 200 held the job for
				// half an hour of 10 s timeouts while the provider stalled, and past its claims' expiry); they are
				// released for the next sweep, a minute on, to ask with the same keys
				List<PayoutRows.Claimed> rest = claimed.subList(i + 1, claimed.size());
				rest.forEach(left -> rows.release(left, clock.instant()));
				retrying += rest.size();
				break;
			}
		}
		if (broken > 0) {
			throw new IllegalStateException(broken + " payouts could not be paid; see the log");
		}
		return new Result(made, paid, failed, retrying);
	}

	/**
	 * Makes the payouts that have fallen due by {@code now} of the stays that checked out within {@code lookback}
	 * (the sweep's is {@code staybook.payouts.lookback}; the demo data's longer, {@code PayoutDemoData}), less their
	 * hosts' debts, in one transaction, and leaves them {@code pending} for the sweep to pay.
	 *
	 * @return how many were made
	 */
	int make(Duration lookback, Instant now) {
		PayoutSettings looking = settings.withLookback(lookback);
		return transactions.execute(status -> {
			List<PayoutRows.Made> due = rows.makeDue(provider.name(), looking, now);
			deductions.recover(due, now);
			return due.size();
		});
	}

	private PayoutStatus pay(PayoutRows.Claimed payout) {
		PayoutResult result;
		try {
			result = provider.payout(payout.idempotencyKey(), new PayoutOrder(payout.id(), payout.bookingId(),
					payout.hostId(), payout.amount(), payout.currency(), payout.destination()));
		}
		catch (ProviderUnavailableException ex) {
			log.info("Payout {}: the provider did not answer ({}); the next sweep asks again with the same key",
					payout.id(), ex.getMessage());
			rows.release(payout, clock.instant());
			return PayoutStatus.PENDING;
		}
		if (result.succeeded()) {
			rows.paid(payout, result.reference(), clock.instant());
			return PayoutStatus.PAID;
		}
		log.warn("Payout {} of {} {} was refused: {}; tried again after {}", payout.id(), payout.amount(),
				payout.currency(), result.failureReason(), settings.retryFailedAfter());
		rows.failed(payout, result.failureReason(), clock.instant());
		return PayoutStatus.FAILED;
	}
}
