package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.staybook.shared.DomainException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sort parameter of {@code GET /properties}, spelled as in the contract. */
class SearchSortUnitTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "newest, NEWEST", "price, PRICE", "-price, PRICE_DESC", "-rating, RATING_DESC",
			"distance, DISTANCE" })
	void theContractsSpellings(String json, SearchSort sort) {
		assertThat(SearchSort.fromJson(json)).isEqualTo(sort);
		assertThat(sort.json()).isEqualTo(json);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "  " })
	void noSortIsNewest(String value) {
		assertThat(SearchSort.fromJson(value)).isEqualTo(SearchSort.NEWEST);
	}

	@ParameterizedTest
	@ValueSource(strings = { "bogus", "rating", "+price", "Price", "PRICE", "price_desc", "-newest", " price",
			"-distance" })
	void anythingElseIsAFieldErrorOnSortListingTheAllowedValues(String value) {
		DomainException ex = catchThrowableOfType(DomainException.class, () -> SearchSort.fromJson(value));

		assertThat(ex).as(value).isNotNull();
		assertThat(ex.kind()).isEqualTo(DomainException.Kind.BAD_REQUEST);
		assertThat(ex.fieldErrors()).hasSize(1);
		assertThat(ex.fieldErrors().get(0).field()).isEqualTo("sort");
		assertThat(ex.fieldErrors().get(0).message()).contains("newest", "price", "-price", "-rating", "distance");
	}

	@Test
	void everySortRoundTrips() {
		Arrays.stream(SearchSort.values())
			.forEach(sort -> assertThat(SearchSort.fromJson(sort.json())).isEqualTo(sort));
	}
}
