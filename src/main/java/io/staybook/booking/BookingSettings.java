package io.staybook.booking;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param holdTime how long an unpaid booking holds its dates
 * @param serviceFeeRate the platform's share of the nightly subtotal, charged to the guest
 * @param completionInterval how often stays past their check-out are completed
 */
@ConfigurationProperties("staybook.bookings")
public record BookingSettings(@DefaultValue("15m") Duration holdTime, @DefaultValue("0.10") BigDecimal serviceFeeRate,
		@DefaultValue("5m") Duration completionInterval) {
}
