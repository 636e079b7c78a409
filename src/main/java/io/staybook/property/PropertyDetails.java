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

	/**
	 * The city and country in Unicode's composed form ({@link Characters#nfc}): search compares them by equality, and
	 * the columns' checks refuse any other form. The other texts are stored as sent, as their limits count them.
	 */
	public PropertyDetails {
		city = Characters.nfc(city);
		country = Characters.nfc(country);
	}
}
