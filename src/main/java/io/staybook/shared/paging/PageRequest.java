package io.staybook.shared.paging;

import io.staybook.shared.DomainException;
import io.staybook.shared.Ids;

/**
 * {@code ?limit=N&cursor=C}: {@code limit} defaults to 20, is at least 1 and is clamped to 100 (the contract's
 * "clamped to 100"); the cursor is opaque to clients.
 */
public record PageRequest(int limit, String cursor) {

	public static final int DEFAULT_LIMIT = 20;

	public static final int MAX_LIMIT = 100;

	/** A limit is clamped to 1..{@value #MAX_LIMIT}; a blank cursor is none. */
	public PageRequest {
		limit = Math.clamp(limit, 1, MAX_LIMIT);
		cursor = cursor == null || cursor.isBlank() ? null : cursor;
	}

	/**
	 * A page of {@code limit} (default {@value #DEFAULT_LIMIT}, more than {@value #MAX_LIMIT} clamped to it) after
	 * {@code cursor} (null: the first page), for REST's {@code ?limit=}.
	 *
	 * @throws DomainException 400 naming {@code limit} when it is below 1: no page size, not one to guess (a 0 was taken
	 * for 1 and a -1 too, where GraphQL's {@code first} refused both)
	 */
	public static PageRequest of(Integer limit, String cursor) {
		return of(limit, cursor, "limit");
	}

	/**
	 * As {@link #of(Integer, String)}, with the size named {@code field} in the 400 (GraphQL's {@code first}).
	 *
	 * @throws DomainException 400 naming {@code field} when {@code limit} is below 1
	 */
	public static PageRequest of(Integer limit, String cursor, String field) {
		if (limit != null && limit < 1) {
			throw DomainException.invalidField(field, "must be at least 1 (at most " + MAX_LIMIT
					+ " is returned; a larger one is clamped)");
		}
		return new PageRequest(limit == null ? DEFAULT_LIMIT : limit, cursor);
	}

	/** The first page of {@code limit} results. */
	public static PageRequest first(int limit) {
		return new PageRequest(limit, null);
	}

	/**
	 * For lists ordered by id (newest first, ids being time-ordered): the id the cursor says the page starts after, or
	 * null on the first page. A cursor that is not such an id is a 400.
	 */
	public java.util.UUID afterId() {
		if (cursor == null) {
			return null;
		}
		try {
			return Ids.parse(Cursors.decode(cursor, 1).getFirst());
		}
		catch (IllegalArgumentException ex) {
			throw Cursors.invalid();
		}
	}

	/** Rows to fetch: one more than the page, to learn whether another page follows. */
	public int fetchSize() {
		return limit + 1;
	}
}
