package io.staybook.payment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

public enum PaymentStatus {

	PENDING, COMPLETED, FAILED, PARTIALLY_REFUNDED, REFUNDED;

	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	@JsonCreator
	public static PaymentStatus fromJson(String value) {
		return JsonEnums.fromJson(PaymentStatus.class, value);
	}
}
