package io.staybook.payment.sandbox;

import io.staybook.payment.PaymentProvider.ProviderCharge;
import java.math.BigDecimal;
import com.github.benmanes.caffeine.cache.Cache;
import java.util.Optional;

/**
 * The sandbox's money by charge reference: what each charge took and what went back, so that it can be asked like a
 * real provider ({@code PaymentProvider#lookup}). Told once per idempotency key, as money moves once per key.
 * Bounded like the sandbox's idempotency keys: a charge older than their window is forgotten (and then not reported).
 */
final class SandboxLedger {

	private final Cache<String, ProviderCharge> charges;

	SandboxLedger(Cache<String, ProviderCharge> charges) {
		this.charges = charges;
	}

	void charged(String reference, BigDecimal amount) {
		charges.put(reference, new ProviderCharge(reference, amount, amount.subtract(amount)));
	}

	void refunded(String reference, BigDecimal amount) {
		charges.asMap()
			.computeIfPresent(reference,
					(ref, charge) -> new ProviderCharge(ref, charge.charged(), charge.refunded().add(amount)));
	}

	/**
	 * The charge; empty for a reference this sandbox never charged: its memory starts empty with each process (and
	 * each node has its own), so it cannot tell "never charged" from "charged before a restart or on another node".
	 */
	Optional<ProviderCharge> lookup(String reference) {
		return Optional.ofNullable(charges.getIfPresent(reference));
	}
}
