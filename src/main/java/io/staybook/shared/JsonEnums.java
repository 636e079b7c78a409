package io.staybook.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The contract spells enum values in lower snake case ({@code pending_payment}); Java and GraphQL spell them in upper
 * case. These two functions are the whole mapping, used by JSON, by the database converters and by query parameters.
 */
public final class JsonEnums {

	private JsonEnums() {
	}

	/**
	 * The contract's spelling of {@code value}: its name in lower case ({@code PENDING_PAYMENT} is
	 * {@code pending_payment}).
	 */
	public static String toJson(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/** Parses the JSON spelling; an unknown value is a 400 that lists the accepted ones. */
	public static <E extends Enum<E>> E fromJson(Class<E> type, String value) {
		if (value != null) {
			for (E constant : type.getEnumConstants()) {
				if (toJson(constant).equals(value)) {
					return constant;
				}
			}
		}
		throw new IllegalArgumentException("must be one of: " + allowed(type));
	}

	/** The contract's spellings of {@code type}'s constants, comma-separated, for error messages. */
	public static String allowed(Class<? extends Enum<?>> type) {
		return Arrays.stream(type.getEnumConstants()).map(JsonEnums::toJson).collect(Collectors.joining(", "));
	}
}
