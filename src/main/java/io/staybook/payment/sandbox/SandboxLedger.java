package io.staybook.payment.sandbox;

import io.staybook.payment.PaymentProvider.ProviderCharge;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's money by charge reference: what each charge took and what went back, so that it can be asked like a
 * real provider ({@code PaymentProvider#lookup}). Told once per idempotency key, as money moves once per key.
 */
final class SandboxLedger {

	private final Map<String, ProviderCharge> charges = new ConcurrentHashMap<>();

	void charged(String reference, BigDecimal amount) {
		charges.put(reference, new ProviderCharge(reference, amount, amount.subtract(amount)));
	}

	void refunded(String reference, BigDecimal amount) {
		charges.computeIfPresent(reference,
				(ref, charge) -> new ProviderCharge(ref, charge.charged(), charge.refunded().add(amount)));
	}

	/**
	 * The charge; empty for a reference this sandbox never charged: its memory starts empty with each process (and
	 * each node has its own), so it cannot tell "never charged" from "charged before a restart or on another node".
	 */
	Optional<ProviderCharge> lookup(String reference) {
		return Optional.ofNullable(charges.get(reference));
	}
}
