package io.staybook.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.staybook.booking.ReceivedMails;
import io.staybook.booking.ReceivedMails.ReceivedMail;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import io.staybook.test.StoredBookings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * New messages mail the other side through the mail jobs, over real SMTP: masked as that reader sees them, at most once
 * per conversation per 15 minutes (the messages written meanwhile together in the next mail), none for messages read
 * before it goes out, and with contact details shown once the two have a confirmed booking.
 */
@JobsTest
class MessageMailIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	Scheduler scheduler;

	@AfterEach
	void resetClock() {
		clock.reset();
		scheduler.triggerCheckForDueExecutions();
	}

	private void advance(Duration duration) {
		clock.advance(duration);
		scheduler.triggerCheckForDueExecutions();
	}

	/** The message mails to {@code user} (subject "<sender> wrote about <listing>"), not the account's other mails. */
	private static List<ReceivedMail> mailsTo(TestUser user) {
		return ReceivedMails.to(user.email()).stream().filter(mail -> mail.subject().contains(" wrote about ")).toList();
	}

	private static List<ReceivedMail> awaitMails(TestUser user, int count) {
		await().atMost(PATIENCE).until(() -> mailsTo(user).size() >= count);
		return mailsTo(user);
	}

	private String open(TestUser guest, String propertyId, String body) {
		Api.Response response = api.post("/api/v1/conversations", Map.of("property_id", propertyId, "body", body))
			.as(guest)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.body().path("id").asString();
	}

	private void send(TestUser as, String id, String body) {
		assertThat(api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", body)).as(as).send().status())
			.isEqualTo(201);
	}

	private long digestJobs(String conversationId) {
		return jdbc.queryForObject(
				"select count(*) from scheduled_tasks where task_name = 'message-digest' and task_instance like ?",
				Long.class, conversationId + ":%");
	}

	@Test
	void theRecipientIsMailedAtMostOncePerQuarterHourWithTheMessagesMaskedAsTheyReadThem() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(host, Map.of("title", "Loft & Garden")));
		String id = open(guest, propertyId, "Mail me at ana@example.com or call +1 415 555 0100");

		ReceivedMail first = awaitMails(host, 1).getFirst();
		assertThat(first.subject()).isEqualTo("Test wrote about Loft & Garden");
		assertThat(first.text()).contains("Mail me at [hidden] or call [hidden]", id).doesNotContain("ana@example.com",
				"415");
		assertThat(first.html()).contains("Mail me at [hidden] or call [hidden]", "Loft &amp; Garden")
			.doesNotContain("ana@example.com");
		assertThat(mailsTo(guest)).isEmpty();

		// within the quarter hour: no mail now, one planned for its end
		advance(Duration.ofMinutes(5));
		send(guest, id, "Second: are towels included?");
		advance(Duration.ofMinutes(1));
		send(guest, id, "Third: and a hair dryer?");
		await().atMost(PATIENCE).until(() -> digestJobs(id) == 1);
		assertThat(mailsTo(host)).hasSize(1);

		// at its end, one mail with both
		advance(Duration.ofMinutes(10));
		ReceivedMail digest = awaitMails(host, 2).get(1);
		assertThat(digest.text()).contains("2 new message(s)", "Second: are towels included?", "Third: and a hair dryer?")
			.doesNotContain("ana@example.com");
		await().atMost(PATIENCE).until(() -> digestJobs(id) == 0);

		// the host answers: the guest is mailed, each side has its own quarter hour
		send(host, id, "Yes to both. Reach me at host@example.com");
		ReceivedMail toGuest = awaitMails(guest, 1).getFirst();
		assertThat(toGuest.text()).contains("Yes to both. Reach me at [hidden]");

		// a message read before its mail goes out is not mailed
		advance(Duration.ofMinutes(1));
		send(guest, id, "Thanks!");
		await().atMost(PATIENCE).until(() -> digestJobs(id) == 1);
		assertThat(api.post("/api/v1/conversations/" + id + "/read", null).as(host).send().status()).isEqualTo(204);
		advance(Duration.ofMinutes(16));
		await().atMost(PATIENCE).until(() -> digestJobs(id) == 0);
		assertThat(mailsTo(host)).hasSize(2);
	}

	@Test
	void afterAConfirmedBookingTheMailShowsTheContactDetails() {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(host));
		StoredBookings.confirmed(jdbc, UUID.fromString(propertyId), guest.id(), LocalDate.now().plusDays(30),
				LocalDate.now().plusDays(33));
		open(guest, propertyId, "We land at 14:00; my number is +1 415 555 0100");
		assertThat(awaitMails(host, 1).getFirst().text()).contains("my number is +1 415 555 0100");
	}
}
