package io.staybook.booking;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.staybook.notification.Mail;
import io.staybook.notification.Notifications;
import io.staybook.property.PropertyService;
import io.staybook.shared.jobs.Jobs;
import io.staybook.user.Contact;
import io.staybook.user.UserService;
import java.io.Serializable;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The mails a booking's life sends to its guest and its host: one {@code booking-mail} job per event, scheduled in the
 * transaction of the change, carrying the booking as it was then; the job composes both mails (one query for the two
 * contacts) and sends each that was not sent yet.
 */
@Component
class BookingMails {

	enum Event {

		CREATED, CONFIRMED, CANCELLED, EXPIRED,

		/** Request to book (V19): asked (the host to answer by the deadline), approved, declined, unanswered, withdrawn. */
		REQUESTED, APPROVED, DECLINED, REQUEST_EXPIRED, REQUEST_CANCELLED;

		/** The mail of cancelling a booking that was {@code before}: a request's says nothing of refunds. */
		static Event cancelling(BookingStatus before) {
			return before == BookingStatus.REQUESTED ? REQUEST_CANCELLED : CANCELLED;
		}
	}

	/**
	 * What a {@code booking-mail} job sends: {@code event} of {@code booking}; {@code propertyTitle} when the change had
	 * the listing at hand, else null (looked up when the job runs).
	 */
	record Notice(Event event, BookingView booking, String propertyTitle) implements Serializable {
	}

	private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final Notifications notifications;

	private final UserService users;

	private final PropertyService properties;

	private final Jobs jobs;

	private final OneTimeTask<Notice> task;

	BookingMails(Notifications notifications, UserService users, PropertyService properties, Jobs jobs,
			OneTimeTask<Notice> bookingMailTask) {
		this.notifications = notifications;
		this.users = users;
		this.properties = properties;
		this.jobs = jobs;
		this.task = bookingMailTask;
	}

	void send(Event event, BookingView booking) {
		send(event, booking, null);
	}

	/** Schedules the guest's and the host's mail of {@code event}, if the current transaction commits. */
	void send(Event event, BookingView booking, String propertyTitle) {
		jobs.runAfterCommit(instance(event, booking, propertyTitle));
	}

	/**
	 * {@link #send} for a booking inserted in the current transaction, whose job cannot exist yet (its id holds the
	 * booking's new id): one insert, without db-scheduler's look for an existing job first.
	 */
	void sendNew(Event event, BookingView booking, String propertyTitle) {
		jobs.runNewAfterCommit(instance(event, booking, propertyTitle));
	}

	private TaskInstance<Notice> instance(Event event, BookingView booking, String propertyTitle) {
		String id = "booking_" + event.name().toLowerCase() + ":" + booking.id();
		return task.instance(id, new Notice(event, booking, propertyTitle));
	}

	/** The job: sends the notice's mails, each at most once (keyed per recipient, as before one job per event). */
	void deliver(Notice notice) {
		notifications.deliver(compose(notice));
	}

	/** The guest's and the host's mail of a notice, to their addresses now; none to an account deleted since. */
	List<Mail> compose(Notice notice) {
		BookingView booking = notice.booking();
		Map<UUID, Contact> contacts = users.contacts(List.of(booking.guestId(), booking.hostId()));
		// views() finds delisted listings too: a hold on one must still expire, and its mail still name it
		String title = notice.propertyTitle() != null ? notice.propertyTitle()
				: properties.views(List.of(booking.propertyId())).get(booking.propertyId()).title();
		String name = notice.event().name().toLowerCase();
		List<Mail> mails = new ArrayList<>(2);
		for (var recipient : List.of(Map.entry("guest", booking.guestId()), Map.entry("host", booking.hostId()))) {
			Contact contact = contacts.get(recipient.getValue());
			if (contact != null) {
				mails.add(new Mail("booking_" + name + ":" + booking.id() + ":" + recipient.getKey(), contact.email(),
						"booking_" + name + "_" + recipient.getKey(), variables(booking, title, contact.firstName())));
			}
		}
		return mails;
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
		variables.put("decline_reason", booking.declineReason() == null ? "none given" : booking.declineReason());
		variables.put("refund_amount",
				booking.refundAmount() == null ? "0.00" : booking.refundAmount().toPlainString());
		return variables;
	}
}
