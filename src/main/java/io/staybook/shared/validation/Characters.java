package io.staybook.shared.validation;

/**
 * How every text limit of the API counts: in Unicode code points, as PostgreSQL's {@code char_length} (the columns'
 * checks), JSON Schema's {@code maxLength} (the OpenAPI document) and Hibernate Validator's {@code @CodePointLength}
 * (the request bodies) count them. {@code String.length()} and Jakarta's {@code @Size} count UTF-16 units instead, two
 * for an emoji, which refused texts at half their documented limit.
 */
public final class Characters {

	private Characters() {
	}

	/** The number of characters (code points) in {@code text}, which must not be null; a lone surrogate counts one. */
	public static int count(CharSequence text) {
		return Character.codePointCount(text, 0, text.length());
	}
}
