package io.staybook.payment.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeSearchResult;
import com.stripe.model.StripeError;
import com.stripe.model.Transfer;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.PaymentIntentSearchParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.TransferCreateParams;
import io.staybook.payment.PaymentProvider;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Charges with Stripe's PaymentIntents, created and confirmed in one call, and refunds them. Every call carries the
 * caller's idempotency key, so that the job retrying after a timeout gets Stripe's first answer instead of a second
 * charge; for the same reason stripe-java's own retries are off and the only retries are the job's.
 */
public class StripePaymentProvider implements PaymentProvider {

	private final StripeClient client;

	/**
	 * A client of Stripe's API with the settings' key, base URL and time-out.
	 * @throws IllegalStateException when no API key is set
	 */
	public StripePaymentProvider(StripeSettings settings) {
		if (settings.apiKey() == null || settings.apiKey().isBlank()) {
			throw new IllegalStateException(
					"staybook.payments.provider=stripe needs an API key: set STAYBOOK_PAYMENTS_STRIPE_API_KEY");
		}
		int timeoutMillis = (int) settings.timeout().toMillis();
		StripeClient.StripeClientBuilder builder = StripeClient.builder()
			.setApiKey(settings.apiKey())
			.setConnectTimeout(timeoutMillis)
			.setReadTimeout(timeoutMillis)
			.setMaxNetworkRetries(0);
		if (settings.apiBase() != null && !settings.apiBase().isBlank()) {
			builder.setApiBase(settings.apiBase());
		}
		this.client = builder.build();
	}

	@Override
	public String name() {
		return "stripe";
	}

	@Override
	public ChargeResult charge(String idempotencyKey, BigDecimal amount, String currency, String token) {
		if (token == null || token.isBlank()) {
			return ChargeResult.failed(null, "invalid_token");
		}
		try {
			PaymentIntent intent = this.client.v1()
				.paymentIntents()
				.create(paymentIntent(idempotencyKey, amount, currency, token), options(idempotencyKey));
			return result(intent);
		}
		catch (CardException ex) {
			String reason = StripeFailures.declineReason(ex.getDeclineCode(), ex.getCode());
			return ChargeResult.failed(StripeFailures.paymentIntentId(ex), reason);
		}
		catch (InvalidRequestException ex) {
			return ChargeResult.failed(StripeFailures.paymentIntentId(ex), StripeFailures.invalidRequestReason(ex));
		}
		catch (StripeException ex) {
			throw StripeFailures.translate(ex, "charge");
		}
	}

	@Override
	public RefundResult refund(String idempotencyKey, String chargeReference, BigDecimal amount, String currency) {
		RefundCreateParams params = RefundCreateParams.builder()
			.setPaymentIntent(chargeReference)
			.setAmount(StripeAmounts.toMinorUnits(amount, currency))
			.build();
		Refund refund;
		try {
			refund = this.client.v1().refunds().create(params, options(idempotencyKey));
		}
		catch (StripeException ex) {
			// a refused refund (already refunded, more than was charged) has no result in the port: someone must look
			throw StripeFailures.translate(ex, "refund of " + chargeReference);
		}
		if ("failed".equals(refund.getStatus()) || "canceled".equals(refund.getStatus())) {
			throw new IllegalStateException("Stripe refund " + refund.getId() + " of " + chargeReference + " is "
					+ refund.getStatus() + ": " + refund.getFailureReason());
		}
		// "pending" is accepted: Stripe settles it later and says so with charge.refunded
		return new RefundResult(refund.getId());
	}

	/**
	 * A Connect transfer ({@code POST /v1/transfers}, docs.stripe.com/connect/separate-charges-and-transfers): the
	 * amount in minor units to the host's connected account ({@code destination}, {@code acct_...}), grouped and tagged
	 * with the booking ({@code transfer_group}, {@code metadata}), under the payout's idempotency key. A host without
	 * a connected account is refused here ({@code no_payout_account}) without a call; a request Stripe rejects (an
	 * account it does not know, {@code balance_insufficient}) is refused with Stripe's error code; outages throw.
	 */
	@Override
	public PayoutResult payout(String idempotencyKey, PayoutOrder order) {
		if (order.destination() == null || order.destination().isBlank()) {
			return PayoutResult.refused("no_payout_account");
		}
		TransferCreateParams params = TransferCreateParams.builder()
			.setAmount(StripeAmounts.toMinorUnits(order.amount(), order.currency()))
			.setCurrency(StripeAmounts.code(order.currency()))
			.setDestination(order.destination())
			.setTransferGroup("booking_" + order.bookingId())
			.putMetadata("booking_id", order.bookingId().toString())
			.putMetadata("payout_id", order.payoutId().toString())
			.build();
		Transfer transfer;
		try {
			transfer = this.client.v1().transfers().create(params, options(idempotencyKey));
		}
		catch (InvalidRequestException ex) {
			if (ex.getStatusCode() != null && (ex.getStatusCode() == 409 || ex.getStatusCode() == 429)) {
				throw StripeFailures.translate(ex, "transfer for payout " + order.payoutId());
			}
			return PayoutResult.refused(ex.getCode() != null ? ex.getCode() : "invalid_request");
		}
		catch (StripeException ex) {
			throw StripeFailures.translate(ex, "transfer for payout " + order.payoutId());
		}
		return PayoutResult.paid(transfer.getId());
	}

	/**
	 * The PaymentIntent as Stripe holds it, with its latest charge expanded: {@code amount_received} is what it took,
	 * the charge's {@code amount_refunded} what went back (a PaymentIntent we charge once has one charge). An intent
	 * Stripe does not know took nothing; an outage throws, as every call here does.
	 */
	@Override
	public Optional<ProviderCharge> lookup(String chargeReference, String currency) {
		PaymentIntent intent;
		try {
			intent = this.client.v1()
				.paymentIntents()
				.retrieve(chargeReference, PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build(),
						RequestOptions.builder().build());
		}
		catch (InvalidRequestException ex) {
			if ("resource_missing".equals(ex.getCode())) {
				BigDecimal nothing = StripeAmounts.fromMinorUnits(0, currency);
				return Optional.of(new ProviderCharge(chargeReference, nothing, nothing));
			}
			throw StripeFailures.translate(ex, "lookup of " + chargeReference);
		}
		catch (StripeException ex) {
			throw StripeFailures.translate(ex, "lookup of " + chargeReference);
		}
		return Optional.of(charge(chargeReference, intent, currency));
	}

	/**
	 * The PaymentIntent whose metadata holds {@code chargeKey} ({@link StripeEvent#CHARGE_KEY}), found with Stripe's
	 * Search API ({@code GET /v1/payment_intents/search}, docs.stripe.com/search: "metadata['key']:'value'"), with its
	 * latest charge expanded as {@link #lookup} reads it. Empty when no intent has the key. Search is eventually
	 * consistent (an intent may take a minute to appear) and the reconciliation asks only about payments given up past
	 * their retries, so that is soon enough; an outage throws.
	 */
	@Override
	public Optional<ProviderCharge> findByChargeKey(String chargeKey, String currency) {
		PaymentIntentSearchParams params = PaymentIntentSearchParams.builder()
			.setQuery("metadata['" + StripeEvent.CHARGE_KEY + "']:'" + searchable(chargeKey) + "'")
			.addExpand("data.latest_charge")
			.setLimit(1L)
			.build();
		StripeSearchResult<PaymentIntent> found;
		try {
			found = this.client.v1().paymentIntents().search(params, RequestOptions.builder().build());
		}
		catch (StripeException ex) {
			throw StripeFailures.translate(ex, "search for " + chargeKey);
		}
		return found.getData().stream().findFirst().map(intent -> charge(intent.getId(), intent, currency));
	}

	/** Our charge keys are {@code charge-<uuid>}; anything else could not be quoted in a search query. */
	private static String searchable(String chargeKey) {
		if (!chargeKey.matches("[A-Za-z0-9_-]+")) {
			throw new IllegalArgumentException("not a charge key: " + chargeKey);
		}
		return chargeKey;
	}

	private static ProviderCharge charge(String reference, PaymentIntent intent, String currency) {
		long received = intent.getAmountReceived() != null ? intent.getAmountReceived() : 0L;
		Charge charge = intent.getLatestChargeObject();
		long refunded = (charge != null && charge.getAmountRefunded() != null) ? charge.getAmountRefunded() : 0L;
		return new ProviderCharge(reference, StripeAmounts.fromMinorUnits(received, currency),
				StripeAmounts.fromMinorUnits(refunded, currency));
	}

	/**
	 * Card payments only, confirmed at once, and failing rather than waiting when the bank asks for 3-D Secure: the
	 * charge runs in a background job, with no guest present to authenticate. The charge's key goes into the intent's
	 * metadata ({@link StripeEvent#CHARGE_KEY}), so that a webhook names our payment even when we never learnt the
	 * intent's id (every attempt timed out, and the payment was given up as failed).
	 */
	private static PaymentIntentCreateParams paymentIntent(String idempotencyKey, BigDecimal amount, String currency,
			String token) {
		PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
			.setAmount(StripeAmounts.toMinorUnits(amount, currency))
			.setCurrency(StripeAmounts.code(currency))
			.putMetadata(StripeEvent.CHARGE_KEY, idempotencyKey)
			.addPaymentMethodType("card")
			.setConfirm(true)
			.setErrorOnRequiresAction(true);
		if (token.startsWith("pm_")) {
			return params.setPaymentMethod(token).build();
		}
		// stripe-java has no typed card variant of payment_method_data: a card token is sent as Stripe documents it
		PaymentIntentCreateParams.PaymentMethodData card = PaymentIntentCreateParams.PaymentMethodData.builder()
			.putExtraParam("type", "card")
			.putExtraParam("card", Map.of("token", token))
			.build();
		return params.setPaymentMethodData(card).build();
	}

	private static ChargeResult result(PaymentIntent intent) {
		return switch (intent.getStatus()) {
			case "succeeded" -> ChargeResult.succeeded(intent.getId());
			case "requires_payment_method", "canceled" -> ChargeResult.failed(intent.getId(), reason(intent));
			case "requires_action" -> ChargeResult.failed(intent.getId(), "authentication_required");
			// "processing" and anything newer: not an answer yet; the webhook or a later attempt will have one
			default -> throw new ProviderUnavailableException(
					"Stripe payment " + intent.getId() + " is " + intent.getStatus() + ", not settled yet", null);
		};
	}

	private static String reason(PaymentIntent intent) {
		StripeError error = intent.getLastPaymentError();
		return (error != null) ? StripeFailures.declineReason(error.getDeclineCode(), error.getCode())
				: StripeFailures.declineReason(null, null);
	}

	private static RequestOptions options(String idempotencyKey) {
		return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
	}
}
