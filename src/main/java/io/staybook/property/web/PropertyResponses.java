package io.staybook.property.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.staybook.property.Availability;
import io.staybook.property.CachedListing;
import io.staybook.property.CancellationPolicy;
import io.staybook.property.HostBlock;
import io.staybook.property.Listing;
import io.staybook.property.ListingFields;
import io.staybook.property.PropertyType;
import io.staybook.property.PropertyView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.PropertyWriter;

/** Response bodies of the property endpoints; {@link PropertyJson} is also the listing of other modules' lists. */
public final class PropertyResponses {

	private PropertyResponses() {
	}

	@Schema(name = "PropertyHost")
	record Host(UUID id, String firstName) {
	}

	/** A listing as {@code GET /properties} and {@code GET /properties/{id}} show it. */
	@Schema(name = "Property")
	public record PropertyJson(UUID id, UUID hostId, Host host, String title, String description, PropertyType propertyType,
			String address, String city, String country, double latitude, double longitude, String timezone,
			@Schema(type = "string", example = "120.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal pricePerNight,
			@Schema(type = "string", example = "35.00") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal cleaningFee,
			String currency, int maxGuests, int bedrooms, int beds, int bathrooms, List<String> amenities,
			int minNights, int maxNights, CancellationPolicy cancellationPolicy,
			@Schema(example = "4.75", description = "two decimals; null until the first review", nullable = true) BigDecimal ratingAverage,
			int reviewCount,
			@Schema(description = "per-category averages over the published reviews that gave each (two decimals; null when none did)") RatingsJson ratings,
			Instant createdAt, Instant updatedAt,
			@Schema(description = "false: a booking is a request the host approves or declines (request to book)") boolean instantBook,
			@Schema(type = "string", example = "150.00", nullable = true, description = "Friday and Saturday nights; null: the base price") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weekendPrice,
			@Schema(example = "10", description = "stays of 7+ nights") int weeklyDiscountPercent,
			@Schema(example = "20", description = "stays of 28+ nights, instead of the weekly one") int monthlyDiscountPercent,
			int guestsIncluded,
			@Schema(type = "string", example = "15.00", description = "per night for each guest above guests_included") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal extraGuestFee,
			@Schema(description = "the `urls` of the listing's first photo; null without photos", nullable = true) UrlsJson coverPhoto) {

		private static final String SHAPE = Integer.toHexString(
				(Arrays.toString(PropertyJson.class.getRecordComponents())
						+ Arrays.toString(Host.class.getRecordComponents())).hashCode());

		/**
		 * The ETag of the listing's answer: strong, {@code "<shape>.<validator>"}: the listing's validator (its row
		 * version and its host's name, see {@link CachedListing}) and a digest of this record's and {@link Host}'s
		 * components, so that a deploy which changes the JSON's fields changes every ETag too (RFC 9110, 8.8.3: a strong
		 * validator changes with the representation). A change of a field's format alone is not seen: change a
		 * component's name or type with it.
		 */
		static String etag(CachedListing listing) {
			return etag(listing.validator());
		}

		/** The ETag of the listing whose validator ({@link CachedListing#validator()}) is {@code validator}. */
		static String etag(String validator) {
			return "\"" + SHAPE + "." + validator + "\"";
		}

		/** The listing with its host, as the APIs show it. */
		public static PropertyJson of(Listing listing) {
			PropertyView p = listing.property();
			Host host = listing.host() == null ? null : new Host(listing.host().id(), listing.host().firstName());
			return new PropertyJson(p.id(), p.hostId(), host, p.title(), p.description(), p.propertyType(),
					p.address(), p.city(), p.country(), p.latitude(), p.longitude(), p.timezone(), p.pricePerNight(),
					p.cleaningFee(), p.currency(), p.maxGuests(), p.bedrooms(), p.beds(), p.bathrooms(),
					p.amenities(), p.minNights(), p.maxNights(), p.cancellationPolicy(), p.ratingAverage(),
					p.reviewCount(), RatingsJson.of(p.ratings()), p.createdAt(), p.updatedAt(), p.instantBook(), p.weekendPrice(),
					p.weeklyDiscountPercent(), p.monthlyDiscountPercent(), p.guestsIncluded(), p.extraGuestFee(),
					UrlsJson.of(p.coverPhoto()));
		}
	}

	/** A listing's per-category averages; each two decimals, or null when no published review gave it. */
	@Schema(name = "Ratings")
	record RatingsJson(@Schema(example = "4.50", nullable = true) BigDecimal cleanliness,
			@Schema(nullable = true) BigDecimal accuracy, @Schema(nullable = true) BigDecimal checkIn,
			@Schema(nullable = true) BigDecimal communication, @Schema(nullable = true) BigDecimal location,
			@Schema(nullable = true) BigDecimal value) {

		static RatingsJson of(io.staybook.property.Ratings r) {
			return r == null ? null : new RatingsJson(r.cleanliness(), r.accuracy(), r.checkIn(), r.communication(),
					r.location(), r.value());
		}
	}

	/** A photo's variants: immutable URLs on this service, cached for a year. */
	@Schema(name = "PhotoUrls")
	record UrlsJson(@Schema(description = "320 px on the longer side, JPEG", example = "/media/2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae.jpg") String thumbnail,
			@Schema(description = "1024 px on the longer side, JPEG") String medium,
			@Schema(description = "2048 px on the longer side, JPEG") String large,
			@Schema(description = "full size up to 4096 px on the longer side, of the photo's content_type, without metadata") String original) {

		static UrlsJson of(io.staybook.property.PhotoUrls urls) {
			return urls == null ? null : new UrlsJson(urls.thumbnail(), urls.medium(), urls.large(), urls.original());
		}
	}

	@Schema(name = "Photo")
	record PhotoJson(UUID id, UUID propertyId,
			@Schema(description = "0 is the cover; dense and unique within the listing") int position,
			@Schema(nullable = true, maxLength = 500) String caption,
			@Schema(description = "of the stored original, in pixels, upright") int width, @Schema(description = "of the stored original, in pixels, upright") int height,
			@Schema(description = "the media type of `urls.original`", allowableValues = { "image/jpeg", "image/png" }) String contentType,
			UrlsJson urls, Instant createdAt) {

		static PhotoJson of(io.staybook.property.Photo photo) {
			return new PhotoJson(photo.id(), photo.propertyId(), photo.position(), photo.caption(), photo.width(),
					photo.height(), photo.contentType(), UrlsJson.of(photo.urls()), photo.createdAt());
		}
	}

	/**
	 * A search result: the listing with only the members asked for in {@code fields=}, in {@link PropertyJson}'s order
	 * and spelling, or by default the whole {@link PropertyJson}, written by the same serializer byte for byte.
	 * Documented as {@value SearchDocs#SEARCH_RESULT}: a {@code Property}, or a {@value SearchDocs#FIELDS} with
	 * only the members asked for (see {@link SearchDocs}).
	 */
	@Schema(name = SearchDocs.SEARCH_RESULT)
	@JsonSerialize(using = SearchResult.Writer.class)
	record SearchResult(PropertyJson property, ListingFields fields,
			@Schema(hidden = true) SearchResults.Written written) {

		static SearchResult of(Listing listing, ListingFields fields) {
			return new SearchResult(PropertyJson.of(listing), fields, null);
		}

		/** The whole listing, already written as JSON by {@link SearchResults}. */
		static SearchResult of(SearchResults.Written written) {
			return new SearchResult(null, ListingFields.ALL, written);
		}

		/**
		 * Writes the listing's members that were asked for through the serializer of {@link PropertyJson}, or the
		 * JSON already written of the whole listing as it is.
		 */
		static final class Writer extends ValueSerializer<SearchResult> {

			@Override
			public void serialize(SearchResult result, JsonGenerator json, SerializationContext context) {
				if (result.written() != null) {
					json.writeRawValue(result.written());
					return;
				}
				ValueSerializer<Object> listing = context.findValueSerializer(PropertyJson.class);
				if (result.fields().isAll()) {
					listing.serialize(result.property(), json, context);
					return;
				}
				json.writeStartObject(result.property());
				for (Iterator<PropertyWriter> members = listing.properties(); members.hasNext();) {
					PropertyWriter member = members.next();
					if (result.fields().has(member.getName())) {
						write(member, result.property(), json, context);
					}
				}
				json.writeEndObject();
			}

			private static void write(PropertyWriter member, PropertyJson listing, JsonGenerator json,
					SerializationContext context) {
				try {
					member.serializeAsProperty(listing, json, context);
				}
				catch (JacksonException ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw DatabindException.from(json, "could not write " + member.getName(), ex);
				}
			}
		}
	}

	@Schema(name = "Availability")
	record AvailabilityJson(UUID propertyId, LocalDate from, LocalDate to, List<Span> unavailable) {

		@Schema(name = "UnavailableSpan")
		record Span(LocalDate start, LocalDate end,
				@Schema(allowableValues = { "booked", "blocked" }) String reason,
				@Schema(description = "for host blocks: the id to delete it with; null for bookings", nullable = true) UUID blockId) {
		}

		static AvailabilityJson of(Availability availability) {
			return new AvailabilityJson(availability.propertyId(), availability.from(), availability.to(),
					availability.unavailable()
						.stream()
						.map(u -> new Span(u.start(), u.end(), u.reason(), u.blockId()))
						.toList());
		}
	}

	@Schema(name = "Block")
	record BlockJson(UUID id, UUID propertyId, LocalDate start,
			@Schema(description = "exclusive") LocalDate end, @Schema(nullable = true) String note,
			Instant createdAt) {

		static BlockJson of(HostBlock block) {
			return new BlockJson(block.id(), block.propertyId(), block.start(), block.end(), block.note(),
					block.createdAt());
		}
	}
}
