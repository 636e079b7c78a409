package io.staybook.shared.security;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/** What a user account may do. Registration offers guest and host; admins are made by configuration. */
public enum Role {

	GUEST, HOST, ADMIN;

	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	@JsonCreator
	public static Role fromJson(String value) {
		return JsonEnums.fromJson(Role.class, value);
	}
}
