package io.staybook.property;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/** The kind of place a listing is. */
public enum PropertyType {

	APARTMENT, HOUSE, GUEST_HOUSE, HOTEL, OTHER;

	/** The contract's spelling: the constant's name in lower case, e.g. {@code guest_house}. */
	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	/**
	 * The constant of a contract spelling such as {@code apartment}.
	 * @throws DomainException 400 naming the accepted values, for any other
	 */
	@JsonCreator
	public static PropertyType fromJson(String value) {
		return JsonEnums.fromJson(PropertyType.class, value);
	}
}
