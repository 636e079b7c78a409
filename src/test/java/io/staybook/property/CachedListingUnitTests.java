package io.staybook.property;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.user.UserSummary;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A cached listing weighs about what it holds in the heap (a kilobyte besides its texts), so that the listings cache's bound
 * ({@code staybook.cache.local-sizes.properties}) keeps fewer listings with long descriptions.
 */
class CachedListingUnitTests {

	static CachedListing listing(String description) {
		PropertyView view = new PropertyView(UUID.randomUUID(), UUID.randomUUID(), "Flat by the river", description,
				PropertyType.APARTMENT, "1 Rua Augusta", "Lisbon", "PT", 38.71, -9.14, "Europe/Lisbon",
				new BigDecimal("120.00"), new BigDecimal("30.00"), "EUR", 4, 2, 2, 1, List.of("wifi", "kitchen"), 1,
				30, CancellationPolicy.MODERATE, new BigDecimal("4.50"), 12, Instant.now(), Instant.now(), true,
				null, 0, 0, 4, new BigDecimal("0.00"), null, Ratings.NONE);
		return CachedListing.of(view, new UserSummary(view.hostId(), "Ada"), 3);
	}

	@Test
	void aListingWeighsItsTextAndAboutAKilobyteMore() {
		CachedListing shortOne = listing("Quiet.");
		CachedListing longOne = listing("Quiet. " + "x".repeat(2000));

		assertThat(longOne.weight() - shortOne.weight()).isBetween(2000, 2016);
		assertThat(shortOne.weight()).as("a listing with short texts").isBetween(800, 1500);
	}

	@Test
	void aTombstoneWeighsNothingOfItsOwn() {
		assertThat(ListingCache.Tombstone.INSTANCE.weight()).isZero();
	}
}
