package io.staybook.property;

import io.staybook.shared.money.Money;

/**
 * What a stay at a listing's prices would cost the guest, service fee included. The module that prices stays
 * (booking) implements it, so that a listing whose longest stay could not be stored or charged is refused when it is
 * listed, without this module depending on that one (as with {@link PropertyDeletionPolicy}).
 */
public interface StayPricing {

	/**
	 * @param nights at least 1
	 * @throws io.staybook.shared.money.InvalidMoney if the total exceeds {@link Money#MAX}
	 */
	Money total(int nights, Money pricePerNight, Money cleaningFee);
}
