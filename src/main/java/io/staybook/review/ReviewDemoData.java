package io.staybook.review;

import io.staybook.shared.DemoDataSwitch;
import io.staybook.booking.BookingService;
import io.staybook.booking.BookingStatus;
import io.staybook.booking.BookingView;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.security.Role;
import io.staybook.user.UserService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Reviews of the demo guests' past stays, written the evening after each check-out, by both sides (the guest's with
 * sub-ratings) and so published. Most of those stays are older than
 * the review window, so the reviews are stored directly, not through {@link ReviewService}'s rules; each guest's
 * latest stay is left unreviewed while its window is open, so that there is one to review in the demo.
 */
@Component
@Order(40)
class ReviewDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ReviewDemoData.class);

	private record Words(int rating, String comment) {
	}

	private static final List<Words> WORDS = List.of(
			new Words(5, "Spotless, quiet, and exactly as pictured. The host answered within minutes."),
			new Words(4, "Great location and a comfortable bed; the shower took a while to warm up."),
			new Words(5, "We would stay again in a heartbeat. Thoughtful touches everywhere."),
			new Words(3, "Fine for a short stay, but the street is loud at night."),
			new Words(4, "Easy check-in and a well-equipped kitchen. Good value."),
			new Words(2, "Smaller than it looks in the photos, and the wifi kept dropping."));

	private static final Words GUEST_WORDS = new Words(5, "A considerate guest who left the place as they found it.");

	private final Reviews reviews;

	private final ReviewService service;

	private final BookingService bookings;

	private final UserService users;

	private final Clock clock;

	private final DemoDataSwitch demoData;

	ReviewDemoData(Reviews reviews, ReviewService service, BookingService bookings, UserService users, Clock clock, DemoDataSwitch demoData) {
		this.demoData = demoData;
		this.reviews = reviews;
		this.service = service;
		this.bookings = bookings;
		this.users = users;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!demoData.enabled()) {
			return;
		}
		List<UUID> guests = users.demoAccounts(Role.GUEST);
		if (guests.isEmpty() || reviews.count() > 0) {
			return;
		}
		Instant now = clock.instant();
		List<Review> written = new ArrayList<>();
		for (UUID guest : guests) {
			List<BookingView> stays = bookings
				.list(new Actor(guest, Role.GUEST), BookingService.Scope.GUEST, BookingStatus.COMPLETED,
						PageRequest.first(PageRequest.MAX_LIMIT))
				.results()
				.stream()
				.sorted(Comparator.comparing(BookingView::checkOut))
				.toList();
			for (int i = 0; i < stays.size(); i++) {
				BookingView stay = stays.get(i);
				boolean latest = i == stays.size() - 1;
				if (latest && !stay.today(clock).isAfter(stay.checkOut().plusDays(ReviewService.WINDOW_DAYS))) {
					continue;
				}
				Words words = WORDS.get(written.size() % WORDS.size());
				Instant at = stay.checkOut().atTime(LocalTime.of(19, 0)).atZone(ZoneId.of(stay.timezone())).toInstant();
				Instant writtenAt = at.isBefore(now) ? at : now;
				// sub-ratings around the overall rating, so that the listing's categories differ a little
				int r = words.rating();
				SubRatings subRatings = new SubRatings(r, Math.min(5, r + 1), r, Math.min(5, r + 1), Math.max(1, r - 1),
						r);
				Review ofListing = new Review(stay.propertyId(), stay.id(), guest, ReviewSubject.PROPERTY, null, r,
						words.comment(), subRatings, writtenAt, ReviewService.windowEnd(stay));
				Review ofGuest = new Review(stay.propertyId(), stay.id(), stay.hostId(), ReviewSubject.GUEST, guest,
						GUEST_WORDS.rating(), GUEST_WORDS.comment(), SubRatings.NONE, writtenAt,
						ReviewService.windowEnd(stay));
				// both sides reviewed: published, as the double-blind rule would have it
				ofListing.publish(writtenAt);
				ofGuest.publish(writtenAt);
				written.add(ofListing);
				written.add(ofGuest);
			}
		}
		reviews.saveAllAndFlush(written);
		written.stream().map(Review::propertyId).distinct().forEach(service::rerate);
		log.info("Loaded {} demo reviews (both sides of {} stays)", written.size(), written.size() / 2);
	}
}
