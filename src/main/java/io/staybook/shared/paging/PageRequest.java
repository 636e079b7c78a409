package io.staybook.shared.paging;

/**
 * {@code ?limit=N&cursor=C}: {@code limit} defaults to 20 and is clamped to [1, 100]; the cursor is opaque to clients.
 */
public record PageRequest(int limit, String cursor) {

	public static final int DEFAULT_LIMIT = 20;

	public static final int MAX_LIMIT = 100;

	/** A limit is clamped to 1..{@value #MAX_LIMIT}; a blank cursor is none. */
	public PageRequest {
		limit = Math.clamp(limit, 1, MAX_LIMIT);
		cursor = cursor == null || cursor.isBlank() ? null : cursor;
	}

	/** A page of {@code limit} (default {@value #DEFAULT_LIMIT}) after {@code cursor} (null: the first page). */
	public static PageRequest of(Integer limit, String cursor) {
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
			return java.util.UUID.fromString(Cursors.decode(cursor, 1).getFirst());
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
