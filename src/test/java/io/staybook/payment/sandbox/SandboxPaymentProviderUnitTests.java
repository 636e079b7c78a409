package io.staybook.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sandbox remembers idempotency keys for 24 hours, like Stripe, and never more than its bound. */
class SandboxPaymentProviderUnitTests {

	final AtomicLong nanos = new AtomicLong();

	SandboxPaymentProvider sandbox(long maxKeys) {
		return new SandboxPaymentProvider(new SandboxSettings(Duration.ZERO, Duration.ofHours(24), maxKeys), nanos::get);
	}

	void advance(Duration duration) {
		nanos.addAndGet(duration.toNanos());
	}

	@Test
	void theRememberedKeysAreBounded() {
		SandboxPaymentProvider sandbox = sandbox(3);

		for (int i = 0; i < 50; i++) {
			sandbox.charge("charge-" + i, BigDecimal.TEN, "EUR", "tok_visa");
			sandbox.refund("refund-" + i, "ch_sandbox_charge-" + i, BigDecimal.ONE, "EUR");
		}

		assertThat(sandbox.rememberedKeys()).isLessThanOrEqualTo(6);
		assertThat(sandbox.chargesMade()).isEqualTo(50);
		assertThat(sandbox.refundsMade()).isEqualTo(50);
	}

	@Test
	void aRepeatedKeyWithin24HoursChargesOnceAndAnswersTheFirstResult() {
		SandboxPaymentProvider sandbox = sandbox(100);
		var first = sandbox.charge("k", BigDecimal.TEN, "EUR", "tok_visa");

		advance(Duration.ofHours(23).plusMinutes(59));
		var repeat = sandbox.charge("k", BigDecimal.TEN, "EUR", "tok_chargeDeclined");
		var refund = sandbox.refund("r", first.reference(), BigDecimal.ONE, "EUR");
		var refundRepeat = sandbox.refund("r", first.reference(), BigDecimal.ONE, "EUR");

		assertThat(repeat).isEqualTo(first);
		assertThat(sandbox.chargesMade()).isOne();
		assertThat(refundRepeat).isEqualTo(refund);
		assertThat(sandbox.refundsMade()).isOne();
	}

	@Test
	void aKeyIsForgottenAfterItsWindow() {
		SandboxPaymentProvider sandbox = sandbox(100);
		sandbox.charge("k", BigDecimal.TEN, "EUR", "tok_visa");

		advance(Duration.ofHours(24).plusSeconds(1));
		sandbox.charge("k", BigDecimal.TEN, "EUR", "tok_visa");

		assertThat(sandbox.rememberedKeys()).isOne();
		assertThat(sandbox.chargesMade()).as("a new charge, as Stripe makes after 24 hours").isEqualTo(2);
	}

	@Test
	void theWindowIsAtLeast24Hours() {
		assertThatThrownBy(() -> new SandboxSettings(Duration.ZERO, Duration.ofHours(1), 10))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("idempotency-window");
	}
}
