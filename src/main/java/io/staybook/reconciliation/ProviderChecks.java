package io.staybook.reconciliation;

import io.staybook.payment.PaymentProvider;
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
 * Invariant R7: the provider's view of each recent paid payment, where the provider can be asked
 * ({@link PaymentProvider#lookup}), against ours: it took the payment's amount, and gave back its succeeded refunds
 * (plus, at most, its pending ones, which may have reached the provider already). Called outside any transaction: each
 * question is a network call.
 */
@Component
class ProviderChecks {

	private static final Logger log = LoggerFactory.getLogger(ProviderChecks.class);

	private final PaymentProvider provider;

	ProviderChecks(PaymentProvider provider) {
		this.provider = provider;
	}

	/** A paid payment as we recorded it, amounts in its currency's major unit. */
	record Paid(UUID bookingId, UUID paymentId, String reference, BigDecimal amount, String currency,
			BigDecimal refunded, BigDecimal pending) {
	}

	String provider() {
		return provider.name();
	}

	List<Discrepancy> run(List<Paid> payments) {
		List<Discrepancy> found = new ArrayList<>();
		for (Paid paid : payments) {
			Optional<ProviderCharge> seen;
			try {
				seen = provider.lookup(paid.reference(), paid.currency());
			}
			catch (RuntimeException ex) {
				// an outage is not a discrepancy: the next run asks again
				log.warn("Reconciliation could not ask {} about {}: {}", provider.name(), paid.reference(),
						ex.toString());
				continue;
			}
			seen.ifPresent(charge -> compare(paid, charge, found));
		}
		return found;
	}

	private static void compare(Paid paid, ProviderCharge charge, List<Discrepancy> found) {
		if (charge.charged().compareTo(paid.amount()) != 0) {
			found.add(new Discrepancy(Kind.PROVIDER_CHARGE_MISMATCH, paid.bookingId(), paid.paymentId(), null,
					paid.amount(), charge.charged(), "the provider took another amount for " + paid.reference()));
		}
		BigDecimal atMost = paid.refunded().add(paid.pending());
		if (charge.refunded().compareTo(paid.refunded()) < 0 || charge.refunded().compareTo(atMost) > 0) {
			found.add(new Discrepancy(Kind.PROVIDER_REFUND_MISMATCH, paid.bookingId(), paid.paymentId(), null,
					paid.refunded(), charge.refunded(), "the provider gave back another amount for " + paid.reference()
							+ (paid.pending().signum() > 0 ? " (" + paid.pending() + " pending here)" : "")));
		}
	}
}
