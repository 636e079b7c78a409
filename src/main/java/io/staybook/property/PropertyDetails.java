package io.staybook.property;

import io.staybook.shared.validation.Characters;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The host-editable fields of a listing. For a new listing every field is set (defaults applied by the web layer); for
 * a change, a null field stays as it was; {@code clearWeekendPrice} removes the weekend price (sent as null). A new
 * listing's {@code guestsIncluded} may be null: all of {@code maxGuests}.
 */
public record PropertyDetails(UUID hostId, String title, String description, PropertyType propertyType,
		String address, String city, String country, Double latitude, Double longitude, String timezone,
		BigDecimal pricePerNight, BigDecimal cleaningFee, String currency, Integer maxGuests, Integer bedrooms,
		Integer beds, Integer bathrooms, List<String> amenities, Integer minNights, Integer maxNights,
		CancellationPolicy cancellationPolicy, Boolean instantBook, BigDecimal weekendPrice,
		boolean clearWeekendPrice, Integer weeklyDiscountPercent, Integer monthlyDiscountPercent,
		Integer guestsIncluded, BigDecimal extraGuestFee) {

	/** The texts in Unicode's composed form ({@link Characters#nfc}): a city is searched for by equality. */
	public PropertyDetails {
		title = Characters.nfc(title);
		description = Characters.nfc(description);
		address = Characters.nfc(address);
		city = Characters.nfc(city);
		country = Characters.nfc(country);
	}
}
