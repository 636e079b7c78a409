package io.staybook.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cache's version follows the shape of what it holds, so a changed record is never read from an older entry. */
class CachedTypeUnitTests {

	enum Kind {
		A, B
	}

	enum KindPlus {
		A, B, C
	}

	record Listing(String title, BigDecimal price, List<String> amenities, Kind kind, Instant createdAt) {
	}

	record ListingRenamed(String name, BigDecimal price, List<String> amenities, Kind kind, Instant createdAt) {
	}

	record ListingRetyped(String title, long price, List<String> amenities, Kind kind, Instant createdAt) {
	}

	record Inner(String title) {
	}

	record InnerChanged(String title, int extra) {
	}

	record Outer(List<Inner> items) {
	}

	record OuterChanged(List<InnerChanged> items) {
	}

	sealed interface Entry permits Full, Mark {
	}

	record Full(String title) implements Entry {
	}

	record Mark() implements Entry {
	}

	static String version(Class<?> type) {
		return new CachedType("c", type).version();
	}

	@Test
	void theVersionIsStableForTheSameShape() {
		assertThat(version(Listing.class)).isEqualTo(version(Listing.class)).matches("v[0-9a-f]{8}");
		assertThat(new CachedType("listings", Listing.class).keyPrefix())
			.isEqualTo("staybook:" + version(Listing.class) + ":listings::");
	}

	@Test
	void aRenamedOrRetypedComponentChangesTheVersion() {
		assertThat(version(ListingRenamed.class)).isNotEqualTo(version(Listing.class));
		assertThat(version(ListingRetyped.class)).isNotEqualTo(version(Listing.class));
	}

	@Test
	void aChangeInsideANestedTypeChangesTheVersion() {
		assertThat(CachedType.shape(Outer.class)).contains("title");
		assertThat(CachedType.shape(OuterChanged.class)).contains("extra");
		assertThat(CachedType.shape(Entry.class)).contains("Full(title:java.lang.String,)").contains("Mark()");
	}

	@Test
	void enumConstantsArePartOfTheShape() {
		assertThat(CachedType.shape(Kind.class)).endsWith("[A, B]");
		assertThat(version(KindPlus.class)).isNotEqualTo(version(Kind.class));
	}

	@Test
	void aRevisionChangesTheVersionOfAnUnchangedShape() {
		assertThat(new CachedType("c", Listing.class, 1).version()).isNotEqualTo(version(Listing.class));
	}
}
