package io.staybook.property;

import com.fasterxml.jackson.annotation.JsonValue;
import io.staybook.shared.DomainException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The orders of {@code GET /properties}, each served by an index and paged by its own keyset. */
public enum SearchSort {

	NEWEST("newest"), PRICE("price"), PRICE_DESC("-price"), RATING_DESC("-rating"), DISTANCE("distance");

	private final String json;

	SearchSort(String json) {
		this.json = json;
	}

	/** The contract's spelling, e.g. {@code -price}. */
	@JsonValue
	public String json() {
		return json;
	}

	/**
	 * The order named {@code value}; null or blank is {@link #NEWEST}.
	 * @throws DomainException 400 naming the accepted values, for any other
	 */
	public static SearchSort fromJson(String value) {
		if (value == null || value.isBlank()) {
			return NEWEST;
		}
		return Arrays.stream(values())
			.filter(sort -> sort.json.equals(value))
			.findFirst()
			.orElseThrow(() -> DomainException.invalidField("sort", "must be one of: "
					+ Arrays.stream(values()).map(SearchSort::json).collect(Collectors.joining(", "))));
	}
}
