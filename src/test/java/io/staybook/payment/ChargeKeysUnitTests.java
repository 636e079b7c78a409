package io.staybook.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The charge key ({@code charge-<payment id>}) is what Stripe's webhook hands back in the PaymentIntent's metadata:
 * it names our payment, and nothing else does.
 */
class ChargeKeysUnitTests {

	@Test
	void aChargeKeyNamesItsPayment() {
		UUID payment = UUID.randomUUID();

		assertThat(PaymentService.paymentOfChargeKey(PaymentService.chargeKey(payment))).contains(payment);
	}

	@Test
	void anythingElseNamesNoPayment() {
		UUID payment = UUID.randomUUID();

		for (String other : new String[] { null, "", "charge-", "charge-not-a-uuid", "refund-" + payment,
				payment.toString(), "xcharge-" + payment }) {
			assertThat(PaymentService.paymentOfChargeKey(other)).as(String.valueOf(other)).isEmpty();
		}
	}
}
