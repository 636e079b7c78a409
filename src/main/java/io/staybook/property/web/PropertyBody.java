package io.staybook.property.web;

import io.staybook.property.CancellationPolicy;
import io.staybook.property.PropertyDetails;
import io.staybook.property.PropertyType;
import io.staybook.property.SearchCriteria;
import io.staybook.shared.DomainException;
import io.staybook.shared.validation.IanaTimeZone;
import io.staybook.shared.validation.IsoCurrency;
import io.staybook.shared.validation.MultiLine;
import io.staybook.shared.validation.NotBlankWhenSent;
import io.staybook.shared.validation.OnCreate;
import io.staybook.shared.web.NotNullWhenSent;
import io.staybook.shared.web.NullClears;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.validator.constraints.CodePointLength;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The body of {@code POST /properties} and {@code PATCH /properties/{id}}, and the GraphQL {@code PropertyInput}. The constraints hold for both; those in the
 * {@link OnCreate} group (required fields) only for POST. On PATCH a missing field is left unchanged. No field may be
 * null: every column they set is NOT NULL, and a missing field already means "unchanged" or "the default".
 */
@Schema(name = "PropertyInput")
@NotNullWhenSent
public record PropertyBody(
		@Schema(description = "admins only: list for this host; defaults to the caller") UUID hostId,
		@Schema(example = "Sunny loft by the canal") @NotNull(groups = OnCreate.class) @CodePointLength(min = 1, max = 200) @NotBlankWhenSent String title,
		@Schema(example = "Two rooms, big windows, five minutes from the station.") @NotNull(groups = OnCreate.class) @CodePointLength(max = 10000) @MultiLine String description,
		@NotNull(groups = OnCreate.class) PropertyType propertyType,
		@Schema(example = "Prinsengracht 263") @NotNull(groups = OnCreate.class) @CodePointLength(min = 1, max = 300) @NotBlankWhenSent String address,
		@Schema(example = "Amsterdam") @NotNull(groups = OnCreate.class) @CodePointLength(min = 1, max = 100) @NotBlankWhenSent String city,
		@Schema(example = "Netherlands") @NotNull(groups = OnCreate.class) @CodePointLength(min = 1, max = 100) @NotBlankWhenSent String country,
		@Schema(example = "52.3752") @NotNull(groups = OnCreate.class) @DecimalMin("-90") @DecimalMax("90") Double latitude,
		@Schema(example = "4.8840") @NotNull(groups = OnCreate.class) @DecimalMin("-180") @DecimalMax("180") Double longitude,
		@Schema(description = "IANA time zone; default UTC", example = "Europe/Amsterdam") @IanaTimeZone String timezone,
		@Schema(example = "120.00", description = "a decimal string (or a JSON number) with at most as many decimal places as the currency allows (" + CURRENCY_DIGITS + "); the longest stay, price_per_night × max_nights plus cleaning_fee and the service fee, must not exceed 9999999999.99") @NotNull(groups = OnCreate.class) @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal pricePerNight,
		@Schema(example = "35.00", description = "a decimal string (or a JSON number); default 0.00; at most as many decimal places as the currency allows") @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal cleaningFee,
		@Schema(example = "EUR", description = "ISO 4217, a currency of payment (not XXX, XTS, XAU...); default USD. It sets how many decimal places prices may have: " + CURRENCY_DIGITS) @IsoCurrency String currency,
		@Schema(example = "4") @NotNull(groups = OnCreate.class) @Min(1) @Max(100) Integer maxGuests,
		@Schema(example = "2", description = "default 1") @Min(0) @Max(100) Integer bedrooms,
		@Schema(example = "2", description = "default 1") @Min(0) @Max(100) Integer beds,
		@Schema(example = "1", description = "default 1") @Min(0) @Max(100) Integer bathrooms,
		// an amenity is an ASCII slug (its pattern), whose UTF-16 units are its characters: @Size counts right here
		@ArraySchema(schema = @Schema(example = "wifi", maxLength = 40, pattern = SearchCriteria.AMENITY_SLUG), maxItems = 50, arraySchema = @Schema(example = "[\"wifi\", \"kitchen\"]")) @Size(max = 50) List<@NotNull @Size(max = 40) @Pattern(regexp = SearchCriteria.AMENITY_SLUG, message = "must be a lower-case slug such as free_parking") String> amenities,
		@Schema(example = "2", description = "default 1") @Min(1) @Max(365) Integer minNights,
		@Schema(example = "30", description = "default 365") @Min(1) @Max(365) Integer maxNights,
		@Schema(description = "default flexible") CancellationPolicy cancellationPolicy,
		@Schema(description = "default true; false: each booking is a request the host approves or declines within 24 hours") Boolean instantBook,
		@Schema(example = "150.00", nullable = true, description = "the nightly price of Friday and Saturday nights (dates in the listing's time zone); null or left out: the base price. On PATCH, null removes it. A decimal string (or a JSON number) with at most as many decimal places as the currency allows") @NullClears @JsonDeserialize(using = DecimalText.class) @Pattern(regexp = "^$|^[0-9]{1,10}(\\.[0-9]{1,2})?$", message = "must be a non-negative amount with at most 10 integer digits and 2 decimal places") String weekendPrice,
		@Schema(example = "10", description = "percent off the nightly subtotal of stays of 7 nights or more; default 0") @Min(0) @Max(90) Integer weeklyDiscountPercent,
		@Schema(example = "20", description = "percent off the nightly subtotal of stays of 28 nights or more, instead of the weekly discount (when it is 0, the weekly one applies); default 0") @Min(0) @Max(90) Integer monthlyDiscountPercent,
		@Schema(example = "2", description = "guests the nightly price includes, at most max_guests; default max_guests. Left out on PATCH it follows max_guests: all guests stay included if they were, else it is lowered to a smaller max_guests") @Min(1) @Max(100) Integer guestsIncluded,
		@Schema(example = "15.00", description = "per night for each guest above guests_included; default 0.00; at most as many decimal places as the currency allows") @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal extraGuestFee) {

	/** The rule of {@link io.staybook.shared.money.Money}, as the document states it. */
	static final String CURRENCY_DIGITS = "none in currencies without a minor unit such as JPY, KRW, ISK or CLP, two in "
			+ "most such as EUR or USD, and two at most in those with three such as BHD or KWD";

	/** A new listing: the contract's defaults for what the host left out. */
	public PropertyDetails toNewListing() {
		return new PropertyDetails(hostId, title.strip(), description.strip(), propertyType, address.strip(),
				city.strip(), country.strip(), latitude, longitude, Objects.requireNonNullElse(timezone, "UTC"),
				pricePerNight, Objects.requireNonNullElse(cleaningFee, BigDecimal.ZERO), Objects.requireNonNullElse(
						currency, "USD"), maxGuests, Objects.requireNonNullElse(bedrooms, 1),
				Objects.requireNonNullElse(beds, 1), Objects.requireNonNullElse(bathrooms, 1),
				amenities == null ? List.of() : normalized(amenities), Objects.requireNonNullElse(minNights, 1),
				Objects.requireNonNullElse(maxNights, 365),
				Objects.requireNonNullElse(cancellationPolicy, CancellationPolicy.FLEXIBLE),
				Objects.requireNonNullElse(instantBook, true), weekendPriceAmount(), false,
				Objects.requireNonNullElse(weeklyDiscountPercent, 0), Objects.requireNonNullElse(monthlyDiscountPercent, 0),
				guestsIncluded, Objects.requireNonNullElse(extraGuestFee, BigDecimal.ZERO));
	}

	/** A change of a listing; its host cannot be changed. */
	public PropertyDetails toChange() {
		if (hostId != null) {
			throw DomainException.invalidField("host_id", "cannot be changed");
		}
		return new PropertyDetails(null, strip(title), strip(description), propertyType, strip(address), strip(city),
				strip(country), latitude, longitude, timezone, pricePerNight, cleaningFee, currency, maxGuests,
				bedrooms, beds, bathrooms, amenities == null ? null : normalized(amenities), minNights, maxNights,
				cancellationPolicy, instantBook, weekendPriceAmount(), "".equals(weekendPrice), weeklyDiscountPercent,
				monthlyDiscountPercent, guestsIncluded, extraGuestFee);
	}

	/** The weekend price sent, or null when it was left out or sent as null ({@code ""}, which clears it). */
	private BigDecimal weekendPriceAmount() {
		return weekendPrice == null || weekendPrice.isEmpty() ? null : new BigDecimal(weekendPrice);
	}

	private static List<String> normalized(List<String> amenities) {
		return amenities.stream().distinct().sorted().toList();
	}

	private static String strip(String value) {
		return value == null ? null : value.strip();
	}
}
