package io.staybook.payment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

public enum PaymentMethod {

	CARD, PAYPAL, BANK_TRANSFER;

	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	@JsonCreator
	public static PaymentMethod fromJson(String value) {
		return JsonEnums.fromJson(PaymentMethod.class, value);
	}
}
