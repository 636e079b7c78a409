package io.staybook.payout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/**
 * {@code pending} → {@code paid} | {@code failed}. A failed payout (a refusal: no account, an account the provider
 * does not know) is tried again by the sweep after {@link PayoutSettings#retryFailedAfter()}, and so may still become
 * paid; a paid one is final.
 */
public enum PayoutStatus {

	PENDING, PAID, FAILED;

	/** The contract's spelling: the constant's name in lower case, e.g. {@code pending}. */
	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	/**
	 * The constant of a contract spelling such as {@code paid}.
	 * @throws DomainException 400 naming the accepted values, for any other
	 */
	@JsonCreator
	public static PayoutStatus fromJson(String value) {
		return JsonEnums.fromJson(PayoutStatus.class, value);
	}
}
