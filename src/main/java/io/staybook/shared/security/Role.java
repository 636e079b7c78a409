package io.staybook.shared.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/** What a user account may do. Registration offers guest and host; admins are made by configuration. */
public enum Role {

	GUEST, HOST, ADMIN;

	/** The contract's spelling: the constant's name in lower case, e.g. {@code host}. */
	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	/**
	 * The constant of a contract spelling such as {@code guest}.
	 * @throws DomainException 400 naming the accepted values, for any other
	 */
	@JsonCreator
	public static Role fromJson(String value) {
		return JsonEnums.fromJson(Role.class, value);
	}
}
