package io.staybook.payment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/**
 * Where a payment is: pending until the provider answers, then completed or failed; refunds move a completed one
 * to partially_refunded or refunded.
 */
public enum PaymentStatus {

	PENDING, COMPLETED, FAILED, PARTIALLY_REFUNDED, REFUNDED;

	/** The contract's spelling: the constant's name in lower case, e.g. {@code partially_refunded}. */
	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	/**
	 * The constant of a contract spelling such as {@code completed}.
	 * @throws DomainException 400 naming the accepted values, for any other
	 */
	@JsonCreator
	public static PaymentStatus fromJson(String value) {
		return JsonEnums.fromJson(PaymentStatus.class, value);
	}
}
