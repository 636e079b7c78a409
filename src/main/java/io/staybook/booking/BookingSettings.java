package io.staybook.booking;

import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param holdTime how long an unpaid booking holds its dates
 * @param serviceFeeRate the platform's share of the nightly subtotal, charged to the guest
 * @param completionInterval how often stays past their check-out are completed
 * @param sweepInterval how often holds past their time are expired (and their guests mailed); until then a hold past
 *        its time already neither blocks its dates nor can be paid
 * @param paymentGrace how long past its expiry a hold waits for the outcome of a payment made in time; after that it
 *        expires even with the charge still under way (a charge that then succeeds is refunded in full)
 * @param requestTime how long a request to book (a listing without instant book) waits for the host's answer, holding
 *        its dates; unanswered, it is declined with the reason {@code expired}
 */
@ConfigurationProperties("staybook.bookings")
public record BookingSettings(@DefaultValue("15m") Duration holdTime, @DefaultValue("0.10") BigDecimal serviceFeeRate,
		@DefaultValue("5m") Duration completionInterval, @DefaultValue("30m") Duration paymentGrace,
		@DefaultValue("5s") Duration sweepInterval, @DefaultValue("24h") Duration requestTime) {
}
