package io.staybook.booking;

import io.staybook.property.PropertyDeletionPolicy;
import io.staybook.shared.DomainException;
import io.staybook.user.AccountDeletionPolicy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An account or a listing with paid stays that have not ended cannot be deleted: those guests and hosts count on it.
 * "Not ended" is judged a day early, so that no time zone's stay slips through.
 */
@Configuration(proxyBeanMethods = false)
class DeletionGuards {

	@Bean
	AccountDeletionPolicy accountsWithStays(Bookings bookings, Clock clock) {
		return userId -> {
			if (bookings.hasUpcomingStays(userId, BookingStatus.STAYING, yesterday(clock))) {
				throw hasStays();
			}
		};
	}

	@Bean
	PropertyDeletionPolicy propertiesWithStays(Bookings bookings, Clock clock) {
		return propertyId -> {
			if (bookings.propertyHasUpcomingStays(propertyId, BookingStatus.STAYING, yesterday(clock))) {
				throw hasStays();
			}
		};
	}

	private static LocalDate yesterday(Clock clock) {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
	}

	private static DomainException hasStays() {
		return DomainException.conflict("has_upcoming_stays",
				"There are confirmed stays that have not ended yet; cancel them first.");
	}
}
