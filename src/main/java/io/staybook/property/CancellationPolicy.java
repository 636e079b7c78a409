package io.staybook.property;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/** How much of a paid stay a guest gets back on cancelling; copied onto each booking when it is made. */
public enum CancellationPolicy {

	FLEXIBLE, MODERATE, STRICT;

	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	@JsonCreator
	public static CancellationPolicy fromJson(String value) {
		return JsonEnums.fromJson(CancellationPolicy.class, value);
	}
}
