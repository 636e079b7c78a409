package io.staybook.property;

import io.staybook.shared.Ids;
import io.staybook.shared.persistence.AggregateRoot;
import io.staybook.shared.persistence.JsonEnumConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A listing, as hosts change it. Reads go through {@link PropertyView}. */
@Entity
@Table(name = "properties")
@DynamicUpdate
class Property extends AggregateRoot {

	private UUID hostId;

	private String title;

	private String description;

	@Convert(converter = PropertyTypeConverter.class)
	private PropertyType propertyType;

	private String address;

	private String city;

	private String country;

	private double latitude;

	private double longitude;

	private String timezone;

	private BigDecimal pricePerNight;

	private BigDecimal cleaningFee;

	@JdbcTypeCode(SqlTypes.CHAR)
	@Column(length = 3)
	private String currency;

	private int maxGuests;

	private int bedrooms;

	private int beds;

	private int bathrooms;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(columnDefinition = "text[]")
	private List<String> amenities;

	private int minNights;

	private int maxNights;

	@Convert(converter = CancellationPolicyConverter.class)
	private CancellationPolicy cancellationPolicy;

	private BigDecimal ratingAverage;

	private int reviewCount;

	private Instant createdAt;

	private Instant updatedAt;

	private Instant deletedAt;

	/** False: a booking is a request the host answers (V19, request to book). */
	private boolean instantBook = true;

	// pricing rules (V20; README, "Pricing rules and quotes")

	private BigDecimal weekendPrice;

	private int weeklyDiscountPercent;

	private int monthlyDiscountPercent;

	private int guestsIncluded;

	private BigDecimal extraGuestFee;

	protected Property() {
	}

	Property(PropertyDetails details, Instant now) {
		super(Ids.newId());
		this.hostId = details.hostId();
		this.createdAt = now;
		apply(details, now);
	}

	/** Applies every non-null field of {@code change}. */
	void apply(PropertyDetails change, Instant now) {
		int previousMaxGuests = maxGuests;
		title = Objects.requireNonNullElse(change.title(), title);
		description = Objects.requireNonNullElse(change.description(), description);
		propertyType = Objects.requireNonNullElse(change.propertyType(), propertyType);
		address = Objects.requireNonNullElse(change.address(), address);
		city = Objects.requireNonNullElse(change.city(), city);
		country = Objects.requireNonNullElse(change.country(), country);
		latitude = Objects.requireNonNullElse(change.latitude(), latitude);
		longitude = Objects.requireNonNullElse(change.longitude(), longitude);
		timezone = Objects.requireNonNullElse(change.timezone(), timezone);
		pricePerNight = Objects.requireNonNullElse(change.pricePerNight(), pricePerNight);
		cleaningFee = Objects.requireNonNullElse(change.cleaningFee(), cleaningFee);
		currency = Objects.requireNonNullElse(change.currency(), currency);
		maxGuests = Objects.requireNonNullElse(change.maxGuests(), maxGuests);
		bedrooms = Objects.requireNonNullElse(change.bedrooms(), bedrooms);
		beds = Objects.requireNonNullElse(change.beds(), beds);
		bathrooms = Objects.requireNonNullElse(change.bathrooms(), bathrooms);
		amenities = change.amenities() != null ? List.copyOf(change.amenities()) : amenities;
		minNights = Objects.requireNonNullElse(change.minNights(), minNights);
		maxNights = Objects.requireNonNullElse(change.maxNights(), maxNights);
		cancellationPolicy = Objects.requireNonNullElse(change.cancellationPolicy(), cancellationPolicy);
		instantBook = Objects.requireNonNullElse(change.instantBook(), instantBook);
		applyPricing(change, previousMaxGuests);
		updatedAt = now;
	}

	/**
	 * The pricing rules of {@code change}. {@code guests_included} left out follows {@code max_guests}: a listing that
	 * included every guest still does, and one that included more than the new {@code max_guests} includes them all.
	 */
	private void applyPricing(PropertyDetails change, int previousMaxGuests) {
		if (change.clearWeekendPrice() || change.weekendPrice() != null) {
			weekendPrice = change.weekendPrice();
		}
		weeklyDiscountPercent = Objects.requireNonNullElse(change.weeklyDiscountPercent(), weeklyDiscountPercent);
		monthlyDiscountPercent = Objects.requireNonNullElse(change.monthlyDiscountPercent(), monthlyDiscountPercent);
		extraGuestFee = Objects.requireNonNullElse(change.extraGuestFee(), extraGuestFee);
		guestsIncluded = change.guestsIncluded() != null ? change.guestsIncluded()
				: includedAfter(guestsIncluded, previousMaxGuests, maxGuests);
	}

	/**
	 * The guests included once {@code max_guests} goes from {@code before} to {@code after} without a new
	 * {@code guests_included}: all of them if all were included (or none was set yet: a new listing), else as many as
	 * before, at most {@code after}.
	 */
	static int includedAfter(int included, int before, int after) {
		return included == 0 || included >= before ? after : Math.min(included, after);
	}

	/**
	 * New review aggregates, changed at {@code at}; {@code keepLater}: a later {@code updatedAt} stays (reviews written
	 * published at their window's end, which readers saw since then, V40).
	 */
	void rate(BigDecimal average, int count, Instant at, boolean keepLater) {
		ratingAverage = average == null ? null : average.setScale(2, java.math.RoundingMode.HALF_UP);
		reviewCount = count;
		if (!keepLater || at.isAfter(updatedAt)) {
			updatedAt = at;
		}
	}

	void delete(Instant now) {
		deletedAt = now;
		updatedAt = now;
	}

	boolean isOwnedBy(UUID userId) {
		return hostId.equals(userId);
	}

	java.time.ZoneId zone() {
		return java.time.ZoneId.of(timezone);
	}

	UUID hostId() {
		return hostId;
	}

	int minNights() {
		return minNights;
	}

	int maxNights() {
		return maxNights;
	}

	BigDecimal pricePerNight() {
		return pricePerNight;
	}

	BigDecimal cleaningFee() {
		return cleaningFee;
	}

	String currency() {
		return currency;
	}

	int maxGuests() {
		return maxGuests;
	}

	int guestsIncluded() {
		return guestsIncluded;
	}

	BigDecimal weekendPrice() {
		return weekendPrice;
	}

	BigDecimal extraGuestFee() {
		return extraGuestFee;
	}

	@Converter
	static class PropertyTypeConverter extends JsonEnumConverter<PropertyType> {

		PropertyTypeConverter() {
			super(PropertyType.class);
		}
	}

	@Converter
	static class CancellationPolicyConverter extends JsonEnumConverter<CancellationPolicy> {

		CancellationPolicyConverter() {
			super(CancellationPolicy.class);
		}
	}
}
