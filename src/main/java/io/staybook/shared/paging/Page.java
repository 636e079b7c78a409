package io.staybook.shared.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {"results": [...], "next_cursor": "…" | null}}. */
public record Page<T>(List<T> results, String nextCursor) {

	public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
		return new Page<>(results.stream().<R>map(mapper).toList(), nextCursor);
	}

	/**
	 * Cuts a keyset query's result to a page. The query fetched {@code limit + 1} rows; if the extra row is there, the
	 * last row of the page is where the next page starts.
	 */
	public static <T> Page<T> of(List<T> rows, int limit, Function<T, String> cursorOf) {
		if (rows.size() <= limit) {
			return new Page<>(List.copyOf(rows), null);
		}
		List<T> page = List.copyOf(rows.subList(0, limit));
		return new Page<>(page, cursorOf.apply(page.get(limit - 1)));
	}
}
