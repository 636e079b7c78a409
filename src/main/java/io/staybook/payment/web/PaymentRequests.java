package io.staybook.payment.web;

import io.staybook.payment.PaymentMethod;
import io.staybook.payment.PaymentService;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.hibernate.validator.constraints.CodePointLength;

/** Request bodies of the payment endpoints, and inputs of the same GraphQL operations. */
public final class PaymentRequests {

	private PaymentRequests() {
	}

	/** {@code POST /payments}: the booking, the method and the provider's payment token. */
	@Schema(name = "CreatePayment")
	public record Create(@NotNull UUID bookingId, @NotNull PaymentMethod paymentMethod,
			@Schema(example = "tok_visa", description = "sandbox: tok_visa succeeds, tok_chargeDeclined is declined") @NotBlank @CodePointLength(max = 255) String paymentToken) {

		/** The service's form of this request. */
		public PaymentService.Request toRequest() {
			return new PaymentService.Request(bookingId, paymentMethod, paymentToken);
		}
	}
}
