package io.staybook.shared.graphql;

import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Relay connections over the same keyset pages as REST: {@code after} is a REST cursor. */
public final class Connections {

	/** The most a page holds: REST's {@code limit} and GraphQL's {@code first} alike, which is clamped to it. */
	public static final int MAX_FIRST = PageRequest.MAX_LIMIT;

	private Connections() {
	}

	/** A page as a Relay connection: its edges and where it is in the list. */
	public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {
	}

	/** One result with the opaque cursor that resumes the list after it. */
	public record Edge<T>(T node, String cursor) {
	}

	/** Relay's page info: the cursors of the first and last edge (null for an empty page). */
	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	/**
	 * {@code first} as REST's {@code limit} (default 20): below 1 a BAD_REQUEST naming {@code first}, above
	 * {@value #MAX_FIRST} clamped to it (the contract's "clamped to 100"; a larger one was refused here while REST
	 * clamped it).
	 */
	public static PageRequest page(Integer first, String after) {
		return PageRequest.of(first, after, "first");
	}

	/**
	 * {@code page} as a connection, each result mapped by {@code mapper}; {@code hasPrevious} is true when the page
	 * was asked for after a cursor.
	 */
	public static <T, R> Connection<R> of(Page<T> page, Function<T, R> mapper, boolean hasPrevious) {
		List<Edge<R>> edges = new ArrayList<>();
		for (int i = 0; i < page.results().size(); i++) {
			edges.add(new Edge<>(mapper.apply(page.results().get(i)), page.cursors().get(i)));
		}
		String start = edges.isEmpty() ? null : edges.getFirst().cursor();
		String end = edges.isEmpty() ? null : edges.getLast().cursor();
		return new Connection<>(edges, new PageInfo(page.nextCursor() != null, hasPrevious, start, end));
	}

	/** {@code page} as a connection, the results as they are. */
	public static <T> Connection<T> of(Page<T> page, PageRequest request) {
		return of(page, Function.identity(), request.cursor() != null);
	}

	/**
	 * The page as a connection of each result's {@code node}, with each result's {@code value} (when not null) primed
	 * into the batch {@code loader} of a field of the nodes, so that what the page read already costs no query (a
	 * listing's host, say).
	 */
	public static <T, N, V> Connection<N> primed(Page<T> page, PageRequest request, Function<T, N> node,
			Function<T, V> value, org.dataloader.DataLoader<N, V> loader) {
		page.results().forEach(result -> {
			V primed = value.apply(result);
			if (primed != null) {
				loader.prime(node.apply(result), primed);
			}
		});
		return of(page.map(node), request);
	}
}
