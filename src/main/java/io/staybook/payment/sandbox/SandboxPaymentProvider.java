package io.staybook.payment.sandbox;

import io.staybook.payment.PaymentProvider;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The default provider: offline, and shaped like a card processor. {@code tok_visa} succeeds,
 * {@code tok_chargeDeclined} is declined ({@code card_declined}), anything else is {@code invalid_token}. Like a real
 * provider it answers a repeated idempotency key with the first result, and charges once.
 */
@Component
@ConditionalOnProperty(name = "staybook.payments.provider", havingValue = "sandbox", matchIfMissing = true)
public class SandboxPaymentProvider implements PaymentProvider {

	private final SandboxSettings settings;

	private final Map<String, ChargeResult> charges = new ConcurrentHashMap<>();

	private final Map<String, RefundResult> refunds = new ConcurrentHashMap<>();

	private final AtomicInteger chargesMade = new AtomicInteger();

	private final SandboxLedger ledger = new SandboxLedger();

	private final AtomicInteger lostResponses = new AtomicInteger();

	SandboxPaymentProvider(SandboxSettings settings) {
		this.settings = settings;
	}

	@Override
	public String name() {
		return "sandbox";
	}

	@Override
	public ChargeResult charge(String idempotencyKey, BigDecimal amount, String currency, String token) {
		pause();
		ChargeResult result = charges.computeIfAbsent(idempotencyKey, key -> {
			String reference = "ch_sandbox_" + key;
			return switch (token) {
				case "tok_visa" -> {
					chargesMade.incrementAndGet();
					ledger.charged(reference, amount);
					yield ChargeResult.succeeded(reference);
				}
				case "tok_chargeDeclined" -> ChargeResult.failed(reference, "card_declined");
				default -> ChargeResult.failed(reference, "invalid_token");
			};
		});
		dropResponseIfAsked();
		return result;
	}

	@Override
	public RefundResult refund(String idempotencyKey, String chargeReference, BigDecimal amount, String currency) {
		pause();
		RefundResult result = refunds.computeIfAbsent(idempotencyKey, key -> {
			ledger.refunded(chargeReference, amount);
			return new RefundResult("re_sandbox_" + key);
		});
		dropResponseIfAsked();
		return result;
	}

	/** The sandbox's own record of the charges it made in this process; others it cannot be asked about. */
	@Override
	public Optional<ProviderCharge> lookup(String chargeReference, String currency) {
		return ledger.lookup(chargeReference);
	}

	/** Money actually taken: one per successful idempotency key, however often it was retried. */
	public int chargesMade() {
		return chargesMade.get();
	}

	public int refundsMade() {
		return refunds.size();
	}

	/**
	 * Makes the next {@code count} calls do their work and then time out, as when the network drops the answer: the
	 * caller cannot know whether the money moved, and must retry with the same key.
	 */
	public void loseNextResponses(int count) {
		lostResponses.set(count);
	}

	private void dropResponseIfAsked() {
		if (lostResponses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			throw new ProviderUnavailableException("sandbox: the response was lost (simulated timeout)", null);
		}
	}

	private void pause() {
		try {
			Thread.sleep(settings.latency());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ProviderUnavailableException("interrupted", ex);
		}
	}
}
