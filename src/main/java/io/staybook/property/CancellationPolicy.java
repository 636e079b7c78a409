package io.staybook.property;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/** How much of a paid stay a guest gets back on cancelling; copied onto each booking when it is made. */
public enum CancellationPolicy {

	FLEXIBLE, MODERATE, STRICT;

	/** The contract's spelling: the constant's name in lower case, e.g. {@code moderate}. */
	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	/**
	 * The constant of a contract spelling such as {@code strict}.
	 * @throws DomainException 400 naming the accepted values, for any other
	 */
	@JsonCreator
	public static CancellationPolicy fromJson(String value) {
		return JsonEnums.fromJson(CancellationPolicy.class, value);
	}
}
