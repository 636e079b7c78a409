package io.staybook.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/** What a review is about: the listing (written by the stay's guest) or the guest (written by the listing's host). */
public enum ReviewSubject {

	PROPERTY, GUEST;

	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	@JsonCreator
	public static ReviewSubject fromJson(String value) {
		return JsonEnums.fromJson(ReviewSubject.class, value);
	}
}
