package io.staybook.property;

import java.util.UUID;

/**
 * A listing of a search page as its row came from PostgreSQL, read only as far as the reader asks: its id, its row
 * version ({@code properties.version}, one more at every change of the row, V16) and its host's first name, without
 * mapping the rest; or the whole {@link #listing()}. So a reader that already holds what it makes of a listing at that
 * version and host name (search's written JSON, {@code web.SearchResults}) skips the columns it would not use. Valid
 * only while the reader is called: the row is gone afterwards.
 */
public interface ListingRow {

	/** The listing's id. */
	UUID id();

	/** The listing's version, which its ETag is made of. */
	long version();

	/** Null when the host's row is gone, or when the fields asked for do not include {@code host}. */
	String hostFirstName();

	/** The listing with its host, each with the fields the search asked for. */
	Listing listing();

}
