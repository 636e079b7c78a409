package io.staybook.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.JsonEnums;

/** What a review is about: the listing (written by the stay's guest) or the guest (written by the listing's host). */
public enum ReviewSubject {

	PROPERTY, GUEST;

	/** The contract's spelling: the constant's name in lower case, e.g. {@code property}. */
	@JsonValue
	public String json() {
		return JsonEnums.toJson(this);
	}

	/**
	 * The constant of a contract spelling such as {@code guest}.
	 * @throws DomainException 400 naming the accepted values, for any other
	 */
	@JsonCreator
	public static ReviewSubject fromJson(String value) {
		return JsonEnums.fromJson(ReviewSubject.class, value);
	}
}
