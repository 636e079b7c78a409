package io.staybook.booking;

import io.staybook.property.PropertyDeletionPolicy;
import io.staybook.shared.DomainException;
import io.staybook.user.AccountDeletionPolicy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The booking module's part in removing a listing or an account (the README's "Removal rules"). An account or a
 * listing with paid stays that have not ended cannot be deleted: those guests and hosts count on it. "Not ended" is
 * judged where each stay's property is ({@link Booking#isOver}): a stay over there reads completed, and is completed
 * with the removal ({@link Removals}), whether or not the completion job has reached it. Holds are locked before that judgement (so that a
 * payment that confirmed one a moment earlier is seen and refuses the deletion), and cancelled with the removal.
 */
@Configuration(proxyBeanMethods = false)
class DeletionGuards {

	@Bean
	AccountDeletionPolicy accountsWithStays(Bookings bookings, Removals removals, Clock clock) {
		return new AccountDeletionPolicy() {

			@Override
			public void checkDeletable(UUID userId) {
				removals.lockHoldsOfAccount(userId);
				if (bookings.hasUpcomingStays(userId, BookingStatus.STAYING, yesterday(clock), clock.instant())) {
					throw hasStays();
				}
			}

			@Override
			public void onDeleted(UUID userId, UUID deletedBy) {
				removals.closeForRemovedAccount(userId, deletedBy);
			}
		};
	}

	@Bean
	PropertyDeletionPolicy propertiesWithStays(Bookings bookings, Removals removals, Clock clock) {
		return new PropertyDeletionPolicy() {

			@Override
			public void checkDeletable(UUID propertyId) {
				removals.lockHoldsOfListing(propertyId);
				if (bookings.propertyHasUpcomingStays(propertyId, BookingStatus.STAYING, yesterday(clock),
						clock.instant())) {
					throw hasStays();
				}
			}

			@Override
			public void onDeleted(UUID propertyId, UUID removedBy) {
				removals.closeForRemovedListing(propertyId, removedBy);
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
