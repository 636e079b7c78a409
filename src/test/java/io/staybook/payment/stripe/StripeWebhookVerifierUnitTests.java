package io.staybook.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.staybook.payment.stripe.StripeWebhookVerifier.InvalidSignatureException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class StripeWebhookVerifierUnitTests {

	static final String SECRET = "whsec_staybook_test";

	static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

	final StripeWebhookVerifier verifier = new StripeWebhookVerifier(
			new StripeSettings(null, SECRET, null, null), Clock.fixed(NOW, ZoneOffset.UTC));

	final String succeeded = StripeJson.event("evt_1", "payment_intent.succeeded",
			StripeJson.paymentIntent("pi_3Sok1", 12000, "usd", "succeeded"));

	@Test
	void aBodySignedWithTheSecretVerifies() {
		StripeEvent event = this.verifier.verify(this.succeeded, header(NOW, SECRET, this.succeeded));

		assertThat(event).isEqualTo(new StripeEvent("evt_1", "payment_intent.succeeded", "pi_3Sok1", null, null));
	}

	@Test
	void theChargeKeyIsReadFromTheIntentsMetadata() {
		String body = StripeJson.event("evt_9", "payment_intent.succeeded",
				StripeJson.paymentIntent("pi_3Sok9", 12000, "usd", "succeeded")
					.replace("\"metadata\": {}", "\"metadata\": {\"" + StripeEvent.CHARGE_KEY + "\": \"charge-0193\"}"));

		StripeEvent event = this.verifier.verify(body, header(NOW, SECRET, body));

		assertThat(event).isEqualTo(
				new StripeEvent("evt_9", "payment_intent.succeeded", "pi_3Sok9", null, null, "charge-0193"));
	}

	@Test
	void oneMatchingSignatureAmongSeveralIsEnoughWhileASecretIsRolled() {
		String header = "t=" + NOW.getEpochSecond() + ",v1=" + hmac("whsec_old", NOW, this.succeeded) + ",v1="
				+ hmac(SECRET, NOW, this.succeeded) + ",v0=" + "00".repeat(32);

		assertThat(this.verifier.verify(this.succeeded, header).id()).isEqualTo("evt_1");
	}

	@Test
	void aBodySignedWithAnotherSecretIsRejected() {
		assertRejected(this.succeeded, header(NOW, "whsec_someone_else", this.succeeded));
	}

	@Test
	void aChangedBodyIsRejected() {
		String signed = header(NOW, SECRET, this.succeeded);

		assertRejected(this.succeeded.replace("pi_3Sok1", "pi_3Other"), signed);
	}

	@Test
	void aSignatureUpToFiveMinutesOldIsAccepted() {
		Instant signedAt = NOW.minus(Duration.ofMinutes(4));

		assertThat(this.verifier.verify(this.succeeded, header(signedAt, SECRET, this.succeeded))).isNotNull();
	}

	@Test
	void aSignatureSixMinutesOldIsRejectedAsAReplay() {
		Instant signedAt = NOW.minus(Duration.ofMinutes(6));

		assertRejected(this.succeeded, header(signedAt, SECRET, this.succeeded));
	}

	@Test
	void aSignatureSixMinutesAheadIsRejected() {
		Instant signedAt = NOW.plus(Duration.ofMinutes(6));

		assertRejected(this.succeeded, header(signedAt, SECRET, this.succeeded));
	}

	@Test
	void malformedOrMissingHeadersAreRejected() {
		String signature = hmac(SECRET, NOW, this.succeeded);
		assertRejected(this.succeeded, null);
		assertRejected(this.succeeded, "");
		assertRejected(this.succeeded, "garbage");
		assertRejected(this.succeeded, "t=soon,v1=" + signature);
		assertRejected(this.succeeded, "t=" + NOW.getEpochSecond());
		assertRejected(this.succeeded, "v1=" + signature);
	}

	@Test
	void aSignedBodyThatIsNotAnEventIsRejected() {
		assertRejected("not json", header(NOW, SECRET, "not json"));
		assertRejected("{\"object\": \"charge\"}", header(NOW, SECRET, "{\"object\": \"charge\"}"));
	}

	@Test
	void aFailedPaymentCarriesTheReasonAsTheProviderGivesIt() {
		String body = StripeJson.event("evt_2", "payment_intent.payment_failed",
				StripeJson.failedPaymentIntent("pi_3Sok5", "card_declined", "insufficient_funds"));
		String generic = StripeJson.event("evt_3", "payment_intent.payment_failed",
				StripeJson.failedPaymentIntent("pi_3Sok6", "card_declined", "generic_decline"));

		assertThat(this.verifier.verify(body, header(NOW, SECRET, body)))
			.isEqualTo(new StripeEvent("evt_2", "payment_intent.payment_failed", "pi_3Sok5", null, "insufficient_funds"));
		assertThat(this.verifier.verify(generic, header(NOW, SECRET, generic)).failureCode()).isEqualTo("card_declined");
	}

	@Test
	void aRefundedChargeCarriesItsPaymentIntentAndTheTotalRefunded() {
		String body = StripeJson.event("evt_4", "charge.refunded",
				StripeJson.refundedCharge("ch_3Sok1", "pi_3Sok1", 12000, 5050));

		StripeEvent event = this.verifier.verify(body, header(NOW, SECRET, body));

		assertThat(event).isEqualTo(new StripeEvent("evt_4", "charge.refunded", "pi_3Sok1", 5050L, null));
		assertThat(event.amountRefunded("USD")).isEqualByComparingTo("50.50");
	}

	@Test
	void otherEventTypesCarryOnlyTheirIdAndType() {
		String body = StripeJson.event("evt_5", "customer.created", "{\"id\": \"cus_1\", \"object\": \"customer\"}");

		assertThat(this.verifier.verify(body, header(NOW, SECRET, body)))
			.isEqualTo(new StripeEvent("evt_5", "customer.created", null, null, null));
	}

	@Test
	void withoutASigningSecretTheProviderDoesNotStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new StripeWebhookVerifier(new StripeSettings("sk_test_x", null, null, null),
					Clock.systemUTC()))
			.withMessageContaining("STAYBOOK_PAYMENTS_STRIPE_WEBHOOK_SECRET");
	}

	private void assertRejected(String body, String header) {
		assertThatExceptionOfType(InvalidSignatureException.class).isThrownBy(() -> this.verifier.verify(body, header));
	}

	private static String header(Instant signedAt, String secret, String body) {
		return "t=" + signedAt.getEpochSecond() + ",v1=" + hmac(secret, signedAt, body);
	}

	/** Stripe's scheme v1, computed here independently of stripe-java. */
	private static String hmac(String secret, Instant signedAt, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((signedAt.getEpochSecond() + "." + body).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
