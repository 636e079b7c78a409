package io.staybook.property;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.staybook.shared.CachedType;
import io.staybook.shared.Weighed;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The listings cache ({@value PropertyReader#CACHE}): by listing id, an {@link Entry}. In Redis an entry is JSON with
 * its kind, {@code {"kind":"listing","property":{"id":"…","pricePerNight":99.00,…},"host":{"id":"…","firstName":"Ada"},
 * "validator":"3-…"}} or {@code {"kind":"tombstone"}}.
 */
@Configuration(proxyBeanMethods = false)
class ListingCache {

	@Bean
	CachedType listingsCache() {
		return new CachedType(PropertyReader.CACHE, Entry.class);
	}

	/**
	 * What the cache holds under a listing's id: the listing with its host, or the mark that one of them was written
	 * since.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = CachedListing.class, name = "listing"),
			@JsonSubTypes.Type(value = Tombstone.class, name = "tombstone") })
	sealed interface Entry extends Weighed permits CachedListing, Tombstone {
	}

	/** Marks a listing written since it was last cached (see {@link PropertyReader}). */
	record Tombstone() implements Entry {

		static final Tombstone INSTANCE = new Tombstone();

		/** Nothing but the reference: every tombstone is {@link #INSTANCE}. */
		@Override
		public int weight() {
			return 0;
		}
	}
}
