package io.staybook.payment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/** How the guest says they pay; every method is charged through the provider's payment token. */
public enum PaymentMethod {

	CARD, PAYPAL, BANK_TRANSFER;

	/** The contract's spelling: the constant's name in lower case, e.g. {@code bank_transfer}. */
	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	/**
	 * The constant of a contract spelling such as {@code card}.
	 * @throws DomainException 400 naming the accepted values, for any other
	 */
	@JsonCreator
	public static PaymentMethod fromJson(String value) {
		return JsonEnums.fromJson(PaymentMethod.class, value);
	}
}
