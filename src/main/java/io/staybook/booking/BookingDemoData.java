package io.staybook.booking;

import io.staybook.shared.DemoDataSwitch;
import io.staybook.property.PropertyService;
import io.staybook.property.PropertyView;
import io.staybook.property.SearchCriteria;
import io.staybook.property.SearchSort;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Role;
import io.staybook.user.UserService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo trips for the demo guests: stays in the past (completed), one going on now (checked in), upcoming confirmed
 * ones, and one unpaid hold. Past stays are written as they would have happened, at their own dates.
 */
@Component
@Order(30)
class BookingDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(BookingDemoData.class);

	private final Bookings bookings;

	private final PropertyService properties;

	private final UserService users;

	private final BookingSettings settings;

	private final Clock clock;

	private final DemoDataSwitch demoData;

	BookingDemoData(Bookings bookings, PropertyService properties, UserService users, BookingSettings settings,
			Clock clock, DemoDataSwitch demoData) {
		this.demoData = demoData;
		this.bookings = bookings;
		this.properties = properties;
		this.users = users;
		this.settings = settings;
		this.clock = clock;
	}

	/** A stay relative to today: starting {@code offset} days from now, for {@code nights} nights. */
	private record Trip(int offset, int nights, BookingStatus status) {
	}

	private static final List<Trip> TRIPS = List.of(new Trip(-60, 3, BookingStatus.COMPLETED),
			new Trip(-40, 4, BookingStatus.COMPLETED), new Trip(-20, 2, BookingStatus.COMPLETED),
			new Trip(-9, 5, BookingStatus.COMPLETED), new Trip(-1, 4, BookingStatus.CHECKED_IN),
			new Trip(14, 3, BookingStatus.CONFIRMED), new Trip(30, 5, BookingStatus.CONFIRMED),
			new Trip(45, 2, BookingStatus.CONFIRMED), new Trip(60, 3, BookingStatus.PENDING_PAYMENT),
			new Trip(75, 2, BookingStatus.REQUESTED));

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!demoData.enabled()) {
			return;
		}
		List<UUID> guests = users.demoAccounts(Role.GUEST);
		if (guests.isEmpty() || bookings.count() > 0) {
			return;
		}
		List<PropertyView> listings = properties
			.search(new SearchCriteria(null, null, null, null, null, null, null, null, null, null, null, null, null,
					null, null, SearchSort.NEWEST), PageRequest.first(TRIPS.size() * guests.size()))
			.results()
			.stream()
			.map(listing -> listing.property())
			.toList();
		Instant now = clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		List<Booking> made = new ArrayList<>();
		int next = 0;
		for (UUID guest : guests) {
			for (Trip trip : TRIPS) {
				if (next >= listings.size()) {
					break;
				}
				PropertyView listing = listings.get(next++);
				made.add(booking(listing, guest, today.plusDays(trip.offset()), trip, now));
			}
		}
		bookings.saveAll(made);
		log.info("Loaded {} demo bookings", made.size());
	}

	private Booking booking(PropertyView listing, UUID guest, LocalDate checkIn, Trip trip, Instant now) {
		int nights = Math.max(trip.nights(), listing.minNights());
		Instant bookedAt = trip.offset() < 0 ? checkIn.minusDays(10).atStartOfDay(ZoneOffset.UTC).toInstant()
				: now.minus(Duration.ofHours(2));
		Price price = Price.of(io.staybook.property.PriceRules.of(listing, java.util.Map.of()), checkIn,
				checkIn.plusDays(nights), 1, settings.serviceFeeRate());
		Booking booking = new Booking(listing.id(), guest, listing.hostId(), checkIn, checkIn.plusDays(nights), 1,
				price, listing.cancellationPolicy(), listing.zone(), bookedAt, bookedAt.plus(settings.holdTime()));
		if (trip.status() == BookingStatus.REQUESTED) {
			Booking request = new Booking(listing.id(), guest, listing.hostId(), checkIn, checkIn.plusDays(nights), 1,
					price, listing.cancellationPolicy(), listing.zone(), now, now.plus(settings.holdTime()));
			request.request(now.plus(settings.requestTime()));
			return request;
		}
		if (trip.status() == BookingStatus.PENDING_PAYMENT) {
			return new Booking(listing.id(), guest, listing.hostId(), checkIn, checkIn.plusDays(nights), 1, price,
					listing.cancellationPolicy(), listing.zone(), now, now.plus(Duration.ofDays(1)));
		}
		booking.confirm(bookedAt.plusSeconds(60));
		if (trip.status() == BookingStatus.CHECKED_IN || trip.status() == BookingStatus.COMPLETED) {
			booking.checkIn(checkIn, checkIn.atTime(15, 0).toInstant(ZoneOffset.UTC));
		}
		if (trip.status() == BookingStatus.COMPLETED) {
			booking.checkOut(checkIn.plusDays(nights).atTime(10, 0).toInstant(ZoneOffset.UTC));
		}
		return booking;
	}
}
