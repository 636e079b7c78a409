package io.staybook.property;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A listing as it is read: by search, by id (through the cache, with its host: see {@link CachedListing}), and by the
 * other modules. {@code ratings}: the per-category averages of its published reviews (V25). The pricing rules ({@code weekendPrice} to {@code extraGuestFee}, V20) are read by {@link PriceRules}.
 */
public record PropertyView(UUID id, UUID hostId, String title, String description, PropertyType propertyType,
		String address, String city, String country, double latitude, double longitude, String timezone,
		BigDecimal pricePerNight, BigDecimal cleaningFee, String currency, int maxGuests, int bedrooms, int beds,
		int bathrooms, List<String> amenities, int minNights, int maxNights, CancellationPolicy cancellationPolicy,
		BigDecimal ratingAverage, int reviewCount, Instant createdAt, Instant updatedAt, boolean instantBook,
		BigDecimal weekendPrice, int weeklyDiscountPercent, int monthlyDiscountPercent, int guestsIncluded,
		BigDecimal extraGuestFee, PhotoUrls coverPhoto, Ratings ratings) {

	/**
	 * The listing with other review aggregates, changed at {@code changedAt} if that is later than its
	 * {@code updatedAt} (a null {@code updatedAt}, not read, stays null).
	 */
	PropertyView rated(BigDecimal average, int count, Ratings categories, Instant changedAt) {
		Instant updated = updatedAt == null || !changedAt.isAfter(updatedAt) ? updatedAt : changedAt;
		return new PropertyView(id, hostId, title, description, propertyType, address, city, country, latitude,
				longitude, timezone, pricePerNight, cleaningFee, currency, maxGuests, bedrooms, beds, bathrooms,
				amenities, minNights, maxNights, cancellationPolicy, average, count, createdAt, updated, instantBook,
				weekendPrice, weeklyDiscountPercent, monthlyDiscountPercent, guestsIncluded, extraGuestFee, coverPhoto,
				categories);
	}

	/** The listing's IANA time zone, in which its check-in and check-out times are. */
	public java.time.ZoneId zone() {
		return java.time.ZoneId.of(timezone);
	}
}
