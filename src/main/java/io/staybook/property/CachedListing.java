package io.staybook.property;

import io.staybook.shared.Weighed;
import io.staybook.user.UserSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the listings cache holds for a listing, and what {@code GET /properties/{id}} answers from: the listing, its
 * host's summary (null if the host's row is gone), and a validator of both, so that a cached listing is answered, or
 * revalidated, without PostgreSQL and without a second lookup.
 * <p>
 * The validator is {@code <version>-<host>}: the listing's row version ({@code properties.version}, V16: one more at
 * every change of the row) and the first 16 hex digits of the SHA-256 of the host's first name ({@code 0} without a
 * host), since the answer shows the host's name too; a rename tombstones the host's listings
 * ({@link PropertyReader#evictListingsOf}), so the next read loads and tags the new name. While the listing's
 * aggregates count reviews whose window has closed but that the sweep has not written yet (V40), the version is
 * followed by {@code +<their number>}: the row has not changed, the answer has.
 * <p>
 * {@code until} is when the listing's aggregates next change without its row changing (a review of it is published
 * by its window closing, V40's {@code listing_rating_next_due}), or null: a copy is served only before then
 * ({@link #isCurrent}).
 * <p>
 * In the in-process cache an entry counts for its {@link #weight()}, so that the cache's bound is one of memory
 * (staybook.cache.local-sizes.properties) whatever the length of the listings' descriptions.
 */
public record CachedListing(PropertyView property, UserSummary host, String validator, Instant until)
		implements ListingCache.Entry {

	private static final int UUID = Weighed.object(16);

	private static final int BIG_DECIMAL = Weighed.object(24);

	private static final int INSTANT = Weighed.object(12);

	/** A copy without a time limit: the listing has no unpublished review. */
	CachedListing(PropertyView property, UserSummary host, String validator) {
		this(property, host, validator, null);
	}

	/** {@link #of(PropertyView, UserSummary, long, int, Instant)} of a listing without unpublished reviews. */
	static CachedListing of(PropertyView property, UserSummary host, long version) {
		return of(property, host, version, 0, null);
	}

	static CachedListing of(PropertyView property, UserSummary host, long version, int reviewsDue,
			Instant until) {
		return new CachedListing(property, host, version + (reviewsDue == 0 ? "" : "+" + reviewsDue) + "-"
				+ (host == null ? "0" : digest(host.firstName())), until);
	}

	/** Whether this copy still answers at {@code now}: no review of the listing has been published since it was read. */
	boolean isCurrent(Instant now) {
		return until == null || now.isBefore(until);
	}

	/** The listing with its host, as the APIs show it. */
	public Listing listing() {
		return new Listing(property, host);
	}

	/**
	 * About the bytes of heap this entry holds: the record, the listing with its two ids, three amounts, two instants
	 * and its strings, the host's summary, the validator and its time limit (enums are shared, and not counted).
	 */
	@Override
	public int weight() {
		PropertyView p = property;
		int listing = Weighed.object(136) + 2 * UUID + 5 * BIG_DECIMAL + 2 * INSTANT + Weighed.string(p.title())
				+ Weighed.string(p.description()) + Weighed.string(p.address()) + Weighed.string(p.city())
				+ Weighed.string(p.country()) + Weighed.string(p.timezone()) + Weighed.string(p.currency())
				+ Weighed.strings(p.amenities());
		int summary = host == null ? 0 : Weighed.object(8) + UUID + Weighed.string(host.firstName());
		PhotoUrls c = p.coverPhoto();
		int cover = c == null ? 0 : Weighed.object(16) + Weighed.string(c.thumbnail()) + Weighed.string(c.medium())
				+ Weighed.string(c.large()) + Weighed.string(c.original());
		return Weighed.object(16) + listing + summary + cover + Weighed.string(validator) + (until == null ? 0 : INSTANT);
	}

	private static String digest(String name) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform has SHA-256 (java.security.MessageDigest's documentation)
			throw new IllegalStateException(ex);
		}
	}
}
