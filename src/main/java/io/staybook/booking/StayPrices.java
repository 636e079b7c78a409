package io.staybook.booking;

import io.staybook.property.StayPricing;
import io.staybook.shared.money.Money;
import org.springframework.stereotype.Component;

/** Tells the property module what a stay would cost, by the same {@link Price} and service fee rate bookings use. */
@Component
class StayPrices implements StayPricing {

	private final BookingSettings settings;

	StayPrices(BookingSettings settings) {
		this.settings = settings;
	}

	@Override
	public Money total(int nights, Money pricePerNight, Money cleaningFee) {
		return new Money(Price.of(nights, pricePerNight, cleaningFee, settings.serviceFeeRate()).total(),
				pricePerNight.currency());
	}
}
