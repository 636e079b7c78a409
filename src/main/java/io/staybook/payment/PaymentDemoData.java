package io.staybook.payment;

import io.staybook.shared.DemoDataSwitch;
import io.staybook.booking.BookingService;
import io.staybook.booking.BookingStatus;
import io.staybook.booking.BookingView;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.security.Role;
import io.staybook.user.UserService;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A completed sandbox payment for every demo booking that was paid (confirmed, checked in or completed). */
@Component
@Order(35)
class PaymentDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PaymentDemoData.class);

	private final Payments payments;

	private final BookingService bookings;

	private final UserService users;

	private final DemoDataSwitch demoData;

	PaymentDemoData(Payments payments, BookingService bookings, UserService users, DemoDataSwitch demoData) {
		this.demoData = demoData;
		this.payments = payments;
		this.bookings = bookings;
		this.users = users;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!demoData.enabled()) {
			return;
		}
		List<UUID> admins = users.demoAccounts(Role.ADMIN);
		if (admins.isEmpty() || payments.count() > 0) {
			return;
		}
		Actor actor = new Actor(admins.getFirst(), Role.ADMIN);
		int made = 0;
		for (BookingStatus status : List.of(BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN, BookingStatus.COMPLETED)) {
			for (BookingView booking : bookings.list(actor, BookingService.Scope.ALL, status, PageRequest.first(100))
				.results()) {
				Payment payment = new Payment(booking.id(), booking.guestId(), booking.hostId(), booking.totalPrice(),
						booking.currency(), PaymentMethod.CARD, null, "sandbox",
						booking.createdAt().plus(Duration.ofMinutes(1)));
				payment.complete("ch_sandbox_demo_" + booking.id(), false, booking.createdAt().plus(Duration.ofMinutes(1)));
				payments.save(payment);
				made++;
			}
		}
		log.info("Loaded {} demo payments", made);
	}
}
