package io.staybook.booking;

import io.staybook.notification.Mail;
import io.staybook.notification.Notifications;
import io.staybook.property.PropertyService;
import io.staybook.user.Contact;
import io.staybook.user.UserService;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The mails a booking's life sends to its guest and its host, scheduled in the transaction of each change. */
@Component
class BookingMails {

	enum Event {

		CREATED, CONFIRMED, CANCELLED, EXPIRED

	}

	private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final Notifications notifications;

	private final UserService users;

	private final PropertyService properties;

	BookingMails(Notifications notifications, UserService users, PropertyService properties) {
		this.notifications = notifications;
		this.users = users;
		this.properties = properties;
	}

	void send(Event event, BookingView booking) {
		Map<java.util.UUID, Contact> contacts = users.contacts(List.of(booking.guestId(), booking.hostId()));
		// views() finds delisted listings too: a hold on one must still expire, and its mail still name it
		String title = properties.views(List.of(booking.propertyId())).get(booking.propertyId()).title();
		String name = event.name().toLowerCase();
		for (var recipient : List.of(Map.entry("guest", booking.guestId()), Map.entry("host", booking.hostId()))) {
			Contact contact = contacts.get(recipient.getValue());
			if (contact == null) {
				continue;
			}
			notifications.send(new Mail("booking_" + name + ":" + booking.id() + ":" + recipient.getKey(),
					contact.email(), "booking_" + name + "_" + recipient.getKey(),
					variables(booking, title, contact.firstName())));
		}
	}

	private static Map<String, String> variables(BookingView booking, String title, String firstName) {
		Map<String, String> variables = new HashMap<>();
		variables.put("first_name", firstName);
		variables.put("property_title", title);
		variables.put("booking_id", booking.id().toString());
		variables.put("check_in", booking.checkIn().toString());
		variables.put("check_out", booking.checkOut().toString());
		variables.put("nights", Integer.toString(booking.nights()));
		variables.put("guests", Integer.toString(booking.guests()));
		variables.put("total_price", booking.totalPrice().toPlainString());
		variables.put("currency", booking.currency());
		variables.put("expires_at", booking.expiresAt() == null ? "-" : EXPIRY.format(booking.expiresAt()));
		variables.put("refund_amount",
				booking.refundAmount() == null ? "0.00" : booking.refundAmount().toPlainString());
		return variables;
	}
}
