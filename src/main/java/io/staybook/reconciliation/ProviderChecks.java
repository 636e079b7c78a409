package io.staybook.reconciliation;

import io.staybook.payment.PaymentProvider;
import io.staybook.payment.PaymentService;
import io.staybook.payment.PaymentProvider.ProviderCharge;
import io.staybook.reconciliation.Discrepancy.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Invariant R7: the provider's view of each recent paid or failed payment, where the provider can be asked
 * ({@link PaymentProvider#lookup}), against ours: it took the payment's amount (and kept nothing of a failed one),
 * and gave back its succeeded refunds (plus, at most, its pending ones, which may have reached the provider already).
 * Called outside any transaction: each question is a network call, and the first the provider does not answer ends
 * the run's questions. A payment recorded as failed whose whole amount the provider took (a charge given up after
 * timeouts that was made after all) is reported and also put right: recorded as the success it was
 * ({@link PaymentService#recordLateCharge}), which confirms its booking while the hold lasts and refunds it otherwise.
 * One given up without ever learning the provider's reference is found by its charge key
 * ({@link PaymentProvider#findByChargeKey}): else a lost webhook left the guest charged for a booking that expired.
 */
@Component
class ProviderChecks {

	private static final Logger log = LoggerFactory.getLogger(ProviderChecks.class);

	private final PaymentProvider provider;

	private final PaymentService payments;

	ProviderChecks(PaymentProvider provider, PaymentService payments) {
		this.provider = provider;
		this.payments = payments;
	}

	/**
	 * A paid or {@code failed} payment as we recorded it, amounts in its currency's major unit; a failed one should
	 * have left nothing with the provider.
	 */
	record Recorded(UUID bookingId, UUID paymentId, String reference, BigDecimal amount, String currency,
			BigDecimal refunded, BigDecimal pending, boolean failed) {

		/** This payment with the provider's reference, found by its charge key when we never learnt it. */
		Recorded withReference(String found) {
			return reference != null ? this
					: new Recorded(bookingId, paymentId, found, amount, currency, refunded, pending, failed);
		}

		/** How a log names it: by the provider's reference, else by our payment's id. */
		String subject() {
			return reference != null ? reference : "payment " + paymentId;
		}
	}

	String provider() {
		return provider.name();
	}

	List<Discrepancy> run(List<Recorded> payments) {
		List<Discrepancy> found = new ArrayList<>();
		for (Recorded ours : payments) {
			Optional<ProviderCharge> seen;
			try {
				seen = ours.reference() != null ? provider.lookup(ours.reference(), ours.currency())
						: provider.findByChargeKey(PaymentService.chargeKey(ours.paymentId()), ours.currency());
			}
			catch (PaymentProvider.ProviderUnavailableException ex) {
				// the provider is out: every other question would wait for its timeout too (200 a run, 10 s each);
				// an outage is not a discrepancy, and the next run asks again
				log.warn("Reconciliation could not ask {} about {} ({}); the {} payments left wait for the next run",
						provider.name(), ours.subject(), ex.toString(), payments.size() - payments.indexOf(ours) - 1);
				break;
			}
			catch (RuntimeException ex) {
				// an outage is not a discrepancy: the next run asks again
				log.warn("Reconciliation could not ask {} about {}: {}", provider.name(), ours.subject(),
						ex.toString());
				continue;
			}
			seen.ifPresent(charge -> {
				Recorded known = ours.withReference(charge.reference());
				compare(known, charge, found);
				if (known.failed() && charge.charged().compareTo(known.amount()) == 0
						&& charge.refunded().signum() == 0) {
					recordLateCharge(known);
				}
			});
		}
		return found;
	}

	private void recordLateCharge(Recorded ours) {
		try {
			payments.recordLateCharge(ours.paymentId(), ours.reference());
		}
		catch (RuntimeException ex) {
			// reported all the same; the next run tries again
			log.warn("Reconciliation could not record the late charge of payment {}: {}", ours.paymentId(),
					ex.toString());
		}
	}

	private static void compare(Recorded ours, ProviderCharge charge, List<Discrepancy> found) {
		if (ours.failed()) {
			// what it took and has not given back (an operator may have refunded a stray charge at the provider)
			BigDecimal kept = charge.charged().subtract(charge.refunded());
			if (kept.signum() != 0) {
				found.add(new Discrepancy(Kind.PROVIDER_CHARGE_MISMATCH, ours.bookingId(), ours.paymentId(), null,
						BigDecimal.ZERO.setScale(kept.scale()), kept,
						"the provider kept money for " + ours.reference() + ", a payment recorded as failed"));
			}
			return;
		}
		if (charge.charged().compareTo(ours.amount()) != 0) {
			found.add(new Discrepancy(Kind.PROVIDER_CHARGE_MISMATCH, ours.bookingId(), ours.paymentId(), null,
					ours.amount(), charge.charged(), "the provider took another amount for " + ours.reference()));
		}
		BigDecimal atMost = ours.refunded().add(ours.pending());
		if (charge.refunded().compareTo(ours.refunded()) < 0 || charge.refunded().compareTo(atMost) > 0) {
			found.add(new Discrepancy(Kind.PROVIDER_REFUND_MISMATCH, ours.bookingId(), ours.paymentId(), null,
					ours.refunded(), charge.refunded(), "the provider gave back another amount for " + ours.reference()
							+ (ours.pending().signum() > 0 ? " (" + ours.pending() + " pending here)" : "")));
		}
	}
}
