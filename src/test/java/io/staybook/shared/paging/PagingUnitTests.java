package io.staybook.shared.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staybook.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PageRequest}, {@link Cursors} and {@link Page}: the contract's cursor paging, without Spring. */
class PagingUnitTests {

	@Nested
	class PageRequests {

		@Test
		void theLimitDefaultsTo20() {
			assertThat(PageRequest.of(null, null).limit()).isEqualTo(20);
		}

		@ParameterizedTest
		@CsvSource({ "1, 1", "2, 2", "99, 99", "100, 100", "101, 100", "1000, 100", "2147483647, 100" })
		void theLimitIsClampedTo100(int asked, int expected) {
			assertThat(PageRequest.of(asked, null).limit()).isEqualTo(expected);
			assertThat(new PageRequest(asked, null).limit()).isEqualTo(expected);
			assertThat(PageRequest.first(asked).limit()).isEqualTo(expected);
		}

		/**
		 * A client's page size below 1 is a 400 naming it (REST's {@code limit}, GraphQL's {@code first}): it was taken
		 * for 1; the service's own pages (the constructor, {@code first}) are still clamped into [1, 100].
		 */
		@ParameterizedTest
		@ValueSource(ints = { 0, -5, -2147483648 })
		void aLimitBelowOneIsRefusedNamingIt(int asked) {
			assertThatThrownBy(() -> PageRequest.of(asked, null)).isInstanceOfSatisfying(DomainException.class,
					refused -> assertThat(refused.fieldErrors()).extracting(DomainException.FieldError::field)
						.containsExactly("limit"));
			assertThatThrownBy(() -> PageRequest.of(asked, null, "first")).isInstanceOfSatisfying(
					DomainException.class, refused -> assertThat(refused.fieldErrors())
						.extracting(DomainException.FieldError::field)
						.containsExactly("first"));
			assertThat(new PageRequest(asked, null).limit()).isEqualTo(1);
			assertThat(PageRequest.first(asked).limit()).isEqualTo(1);
		}

		@Test
		void oneMoreRowThanThePageIsFetched() {
			assertThat(PageRequest.of(10, null).fetchSize()).isEqualTo(11);
			assertThat(PageRequest.of(1000, null).fetchSize()).isEqualTo(101);
		}

		@ParameterizedTest
		@ValueSource(strings = { "", " ", "\t" })
		void aBlankCursorIsNoCursor(String cursor) {
			assertThat(PageRequest.of(5, cursor).cursor()).isNull();
			assertThat(PageRequest.of(5, null).cursor()).isNull();
		}

		@Test
		void aCursorIsKeptAsGiven() {
			assertThat(PageRequest.of(5, "abc").cursor()).isEqualTo("abc");
		}
	}

	@Nested
	class CursorEncoding {

		@Test
		void oneKeyMakesTheRoundTrip() {
			UUID id = UUID.randomUUID();
			assertThat(Cursors.decode(Cursors.encode(id), 1)).containsExactly(id.toString());
		}

		@Test
		void severalKeysMakeTheRoundTripInOrder() {
			String cursor = Cursors.encode("120.00", "2026-11-21T10:15:30Z", null, "Zürich ✓");
			assertThat(Cursors.decode(cursor, 4)).containsExactly("120.00", "2026-11-21T10:15:30Z", "", "Zürich ✓");
		}

		@Test
		void aCursorIsOpaqueAndUrlSafe() {
			for (int i = 0; i < 200; i++) {
				String key = "key?&/+= " + i + UUID.randomUUID();
				String cursor = Cursors.encode(key, i);
				assertThat(cursor).matches("[A-Za-z0-9_-]+").doesNotContain(key);
				assertThat(Cursors.decode(cursor, 2)).containsExactly(key, String.valueOf(i));
			}
		}

		@ParameterizedTest
		@ValueSource(strings = { "!!!", "a", "%%%", "abc def", "=" })
		void garbageIsABadRequestAboutTheCursor(String garbage) {
			assertInvalid(() -> Cursors.decode(garbage, 1));
		}

		@Test
		void aCursorWithTheWrongNumberOfKeysIsABadRequest() {
			assertInvalid(() -> Cursors.decode(Cursors.encode("a", "b"), 1));
			assertInvalid(() -> Cursors.decode(Cursors.encode("a"), 2));
			String plain = Base64.getUrlEncoder().encodeToString("no separators".getBytes(StandardCharsets.UTF_8));
			assertThat(Cursors.decode(plain, 1)).containsExactly("no separators");
			assertInvalid(() -> Cursors.decode(plain, 3));
		}

		private void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable decode) {
			assertThatThrownBy(decode).isInstanceOfSatisfying(DomainException.class, ex -> {
				assertThat(ex.kind()).isEqualTo(DomainException.Kind.BAD_REQUEST);
				assertThat(ex.fieldErrors()).extracting(DomainException.FieldError::field).containsExactly("cursor");
			});
		}
	}

	@Nested
	class Pages {

		@Test
		void aShortResultIsTheLastPage() {
			Page<Integer> page = Page.of(List.of(1, 2, 3), 3, String::valueOf);
			assertThat(page.results()).containsExactly(1, 2, 3);
			assertThat(page.nextCursor()).isNull();
		}

		@Test
		void theExtraRowMeansAnotherPageStartingAfterTheLastShown() {
			Page<Integer> page = Page.of(IntStream.rangeClosed(1, 4).boxed().toList(), 3, String::valueOf);
			assertThat(page.results()).containsExactly(1, 2, 3);
			assertThat(page.nextCursor()).isEqualTo("3");
		}

		@Test
		void mappingKeepsTheCursor() {
			Page<String> page = Page.of(List.of(1, 2, 3), 2, String::valueOf).map(i -> "#" + i);
			assertThat(page.results()).containsExactly("#1", "#2");
			assertThat(page.nextCursor()).isEqualTo("2");
		}
	}
}
