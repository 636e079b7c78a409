package io.staybook.property;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

public enum PropertyType {

	APARTMENT, HOUSE, GUEST_HOUSE, HOTEL, OTHER;

	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	@JsonCreator
	public static PropertyType fromJson(String value) {
		return JsonEnums.fromJson(PropertyType.class, value);
	}
}
