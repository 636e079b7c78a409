package io.staybook.shared.paging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.AbstractList;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: {@code {"results": [...], "next_cursor": "…" | null}}. It also knows the cursor of every result
 * (not sent by REST), for GraphQL connections whose edges each carry one.
 */
public record Page<T>(List<T> results,
		@Schema(nullable = true, description = "pass it back as cursor for the next page; null on the last") String nextCursor,
		@JsonIgnore @Schema(hidden = true) List<String> cursors) {

	/** The same page with each result mapped by {@code mapper}, the cursors kept. */
	public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
		return new Page<>(results.stream().<R>map(mapper).toList(), nextCursor, cursors);
	}

	/**
	 * Cuts a keyset query's result to a page. The query fetched {@code limit + 1} rows; if the extra row is there, the
	 * last row of the page is where the next page starts. A result's own cursor is encoded when it is first asked for
	 * (GraphQL's edges): REST sends only the next one.
	 */
	public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> cursorOf) {
		List<T> page = List.copyOf(rows.size() <= limit ? rows : rows.subList(0, limit));
		String[] encoded = new String[page.size()];
		List<String> cursors = new AbstractList<>() {

			@Override
			public String get(int index) {
				String cursor = encoded[index];
				if (cursor == null) {
					// two threads may both encode it: the same string, and a String is safe to publish so
					cursor = cursorOf.apply(page.get(index));
					encoded[index] = cursor;
				}
				return cursor;
			}

			@Override
			public int size() {
				return page.size();
			}
		};
		String next = rows.size() > limit ? cursors.getLast() : null;
		return new Page<>(page, next, cursors);
	}
}
