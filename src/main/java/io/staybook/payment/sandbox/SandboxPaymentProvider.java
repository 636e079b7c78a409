package io.staybook.payment.sandbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.staybook.payment.PaymentProvider;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The default provider: offline, and shaped like a card processor. {@code tok_visa} succeeds,
 * {@code tok_chargeDeclined} is declined ({@code card_declined}), anything else is {@code invalid_token}. Like a real
 * provider it answers a repeated idempotency key with the first result, and charges once; like Stripe, which may forget
 * a key once it is 24 hours old (docs.stripe.com/api/idempotent_requests), it remembers each key for
 * {@code staybook.payments.sandbox.idempotency-window} (24 hours), and at most {@code max-idempotency-keys} keys of
 * each kind (Caffeine forgets those least likely to be used again first), so that a long-running sandbox does not grow
 * without bound.
 */
@Component
public class SandboxPaymentProvider implements PaymentProvider {

	private final SandboxSettings settings;

	private final Cache<String, ChargeResult> charges;

	private final Cache<String, RefundResult> refunds;

	private final AtomicInteger chargesMade = new AtomicInteger();

	private final AtomicInteger refundsMade = new AtomicInteger();

	private final Cache<String, PayoutResult> payouts;

	private final AtomicInteger payoutsMade = new AtomicInteger();

	private final SandboxLedger ledger;

	private final AtomicInteger lostResponses = new AtomicInteger();

	private final AtomicInteger unreachableCalls = new AtomicInteger();

	@Autowired
	SandboxPaymentProvider(SandboxSettings settings) {
		this(settings, Ticker.systemTicker());
	}

	/** With the time source that expires keys: the system's, not the application's clock that tests move by days. */
	SandboxPaymentProvider(SandboxSettings settings, Ticker ticker) {
		this.settings = settings;
		this.charges = idempotencyKeys(settings, ticker);
		this.refunds = idempotencyKeys(settings, ticker);
		this.payouts = idempotencyKeys(settings, ticker);
		this.ledger = new SandboxLedger(idempotencyKeys(settings, ticker));
	}

	/** A bounded memory by key: kept for the idempotency window, at most the configured number of keys. */
	private static <V> Cache<String, V> idempotencyKeys(SandboxSettings settings, Ticker ticker) {
		return Caffeine.newBuilder()
			.expireAfterWrite(settings.idempotencyWindow())
			.maximumSize(settings.maxIdempotencyKeys())
			.ticker(ticker)
			// evictions on the caller's thread, not in the common pool
			.executor(Runnable::run)
			.build();
	}

	@Override
	public String name() {
		return "sandbox";
	}

	@Override
	public ChargeResult charge(String idempotencyKey, BigDecimal amount, String currency, String token) {
		pause();
		failIfUnreachable();
		ChargeResult result = charges.get(idempotencyKey, key -> {
			String reference = reference(key);
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
		failIfUnreachable();
		RefundResult result = refunds.get(idempotencyKey, key -> {
			refundsMade.incrementAndGet();
			ledger.refunded(chargeReference, amount);
			return new RefundResult("re_sandbox_" + key);
		});
		dropResponseIfAsked();
		return result;
	}

	/**
	 * Pays at once, to any host (the sandbox needs no account of theirs): {@code tr_sandbox_<key>}, once per key
	 * however often the call is retried.
	 */
	@Override
	public PayoutResult payout(String idempotencyKey, PayoutOrder order) {
		pause();
		failIfUnreachable();
		PayoutResult result = payouts.get(idempotencyKey, key -> {
			payoutsMade.incrementAndGet();
			return PayoutResult.paid("tr_sandbox_" + key);
		});
		dropResponseIfAsked();
		return result;
	}

	/** Payouts actually made: one per idempotency key, however often it was retried. */
	public int payoutsMade() {
		return payoutsMade.get();
	}

	/** The sandbox's own record of the charges it made in this process; others it cannot be asked about. */
	@Override
	public Optional<ProviderCharge> lookup(String chargeReference, String currency) {
		return ledger.lookup(chargeReference);
	}

	/** The charge it made under {@code chargeKey} in this process (its reference is made of the key). */
	@Override
	public Optional<ProviderCharge> findByChargeKey(String chargeKey, String currency) {
		return ledger.lookup(reference(chargeKey));
	}

	private static String reference(String chargeKey) {
		return "ch_sandbox_" + chargeKey;
	}

	/** Money actually taken: one per successful idempotency key, however often it was retried. */
	public int chargesMade() {
		return chargesMade.get();
	}

	/** Refunds actually paid: one per idempotency key, however often it was retried. */
	public int refundsMade() {
		return refundsMade.get();
	}

	/** How many idempotency keys are remembered now, charges and refunds together. */
	long rememberedKeys() {
		charges.cleanUp();
		refunds.cleanUp();
		return charges.estimatedSize() + refunds.estimatedSize();
	}

	/**
	 * Makes the next {@code count} calls do their work and then time out, as when the network drops the answer: the
	 * caller cannot know whether the money moved, and must retry with the same key.
	 */
	public void loseNextResponses(int count) {
		lostResponses.set(count);
	}

	/**
	 * Makes the next {@code count} calls fail before doing anything, as when the provider is down: no money moves, and
	 * the caller retries with the same key.
	 */
	public void beUnreachableFor(int count) {
		unreachableCalls.set(count);
	}

	private void failIfUnreachable() {
		if (unreachableCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			throw new ProviderUnavailableException("sandbox: the provider is unreachable (simulated outage)", null);
		}
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
