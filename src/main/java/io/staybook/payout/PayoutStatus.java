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

	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	@JsonCreator
	public static PayoutStatus fromJson(String value) {
		return JsonEnums.fromJson(PayoutStatus.class, value);
	}
}
