package io.staybook.message;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.DeletionRace;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import io.staybook.test.StoredBookings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every row of the contract's "Messages" over HTTP: opening (and continuing) a conversation, the lists, one
 * conversation, its messages, writing and marking read; who may (participants; others 404), masking of contact details
 * until a confirmed booking, unread counts, paging, idempotency, and bad input.
 */
@IntegrationTest
class MessageIntegrationTests {

	private static final String CONTACTS = "Mail ana@example.com, call +1 415 555 0100 or see https://ana.example/villa";

	private static final String MASKED = "Mail [hidden], call [hidden] or see [hidden]";

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
	DataSource dataSource;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private record Setup(TestUser guest, TestUser host, String propertyId) {
	}

	private Setup setup() {
		TestUser host = accounts.host();
		return new Setup(accounts.guest(), host, Listings.id(listings.create(host)));
	}

	private Api.Response open(TestUser as, String propertyId, String body) {
		return api.post("/api/v1/conversations", Map.of("property_id", propertyId, "body", body)).as(as).send();
	}

	private JsonNode opened(TestUser as, String propertyId, String body) {
		Api.Response response = open(as, propertyId, body);
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response.body();
	}

	private Api.Response send(TestUser as, String conversationId, String body) {
		return api.post("/api/v1/conversations/" + conversationId + "/messages", Map.of("body", body)).as(as).send();
	}

	private List<String> bodies(TestUser as, String conversationId) {
		Api.Response response = api.get("/api/v1/conversations/" + conversationId + "/messages?limit=100").as(as).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<String> bodies = new ArrayList<>();
		response.body().path("results").forEach(m -> bodies.add(m.path("body").asString()));
		return bodies;
	}

	private JsonNode conversation(TestUser as, String id) {
		Api.Response response = api.get("/api/v1/conversations/" + id).as(as).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	@Test
	void aGuestOpensAConversationAndASecondPostContinuesIt() {
		Setup s = setup();
		Api.Response first = open(s.guest(), s.propertyId(), "Hi! Is the flat quiet at night?");
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		JsonNode conversation = first.body();
		String id = conversation.path("id").asString();
		assertThat(first.header("Location")).isEqualTo("/api/v1/conversations/" + id);
		assertThat(conversation.path("property_id").asString()).isEqualTo(s.propertyId());
		assertThat(conversation.path("booking_id").isNull()).isTrue();
		assertThat(conversation.path("guest").path("id").asString()).isEqualTo(s.guest().id().toString());
		assertThat(conversation.path("guest").path("first_name").asString()).isEqualTo("Test");
		assertThat(conversation.path("host").path("id").asString()).isEqualTo(s.host().id().toString());
		assertThat(conversation.path("unread_count").asLong()).isZero();
		assertThat(conversation.path("last_message_at").asString()).isNotBlank();

		JsonNode again = opened(s.guest(), s.propertyId(), "And is there a cot?");
		assertThat(again.path("id").asString()).isEqualTo(id);
		assertThat(bodies(s.guest(), id)).containsExactly("Hi! Is the flat quiet at night?", "And is there a cot?");
		assertThat(conversation(s.host(), id).path("unread_count").asLong()).isEqualTo(2);
	}

	@Test
	void aHostCannotWriteAboutTheirOwnListingNorAnyoneAboutAMissingOrDeletedOne() {
		Setup s = setup();
		assertThat(assertProblem(open(s.host(), s.propertyId(), "Hello me"), 403).path("code").asString())
			.isEqualTo("own_listing");
		assertProblem(open(s.guest(), UUID.randomUUID().toString(), "Hello?"), 404);
		assertThat(api.delete("/api/v1/properties/" + s.propertyId()).as(s.host()).send().status()).isEqualTo(204);
		assertProblem(open(s.guest(), s.propertyId(), "Hello?"), 404);
		assertProblem(api.post("/api/v1/conversations", Map.of("property_id", s.propertyId(), "body", "x")).send(), 401);
		assertThat(api.get("/api/v1/conversations").as(s.guest()).send().body().path("results").size()).isZero();
	}

	@Test
	void badBodiesAreRefusedAndChangeNothing() {
		Setup s = setup();
		assertFieldErrors(open(s.guest(), s.propertyId(), ""), "body");
		assertFieldErrors(open(s.guest(), s.propertyId(), "  \n\t "), "body");
		// no-break spaces are white space too, and a zero-width space or a byte order mark shows nothing
		assertFieldErrors(open(s.guest(), s.propertyId(), "\u00a0\u2007\u202f"), "body");
		assertFieldErrors(open(s.guest(), s.propertyId(), " \u200b\ufeff "), "body");
		assertFieldErrors(open(s.guest(), s.propertyId(), "x".repeat(5001)), "body");
		assertFieldErrors(open(s.guest(), s.propertyId(), "nul \u0000 byte"), "body");
		assertFieldErrors(api.post("/api/v1/conversations", Map.of("property_id", s.propertyId())).as(s.guest()).send(),
				"body");
		assertFieldErrors(api.post("/api/v1/conversations", Map.of("body", "Hello")).as(s.guest()).send(),
				"property_id");
		assertProblem(api.post("/api/v1/conversations", Map.of("property_id", "not-a-uuid", "body", "Hello"))
			.as(s.guest())
			.send(), 400);
		assertProblem(api.post("/api/v1/conversations",
				Map.of("property_id", s.propertyId(), "body", "Hello", "subject", "x")).as(s.guest()).send(), 400);
		assertThat(api.get("/api/v1/conversations").as(s.guest()).send().body().path("results").size()).isZero();

		// 5,000 characters, counted as characters (an emoji is one), is the longest message
		String longest = "\uD83C\uDFE1".repeat(5000);
		String id = opened(s.guest(), s.propertyId(), longest).path("id").asString();
		assertFieldErrors(send(s.guest(), id, ""), "body");
		assertFieldErrors(send(s.guest(), id, "y".repeat(5001)), "body");
		assertThat(bodies(s.guest(), id)).containsExactly(longest);
	}

	@Test
	void onlyItsGuestAndHostSeeAConversationOthersGet404() {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "Hello").path("id").asString();
		for (TestUser other : List.of(accounts.guest(), accounts.host(), accounts.admin())) {
			assertProblem(api.get("/api/v1/conversations/" + id).as(other).send(), 404);
			assertProblem(api.get("/api/v1/conversations/" + id + "/messages").as(other).send(), 404);
			assertProblem(send(other, id, "Let me in"), 404);
			assertProblem(api.post("/api/v1/conversations/" + id + "/read", null).as(other).send(), 404);
			assertThat(api.get("/api/v1/conversations").as(other).send().body().path("results").size()).isZero();
		}
		assertProblem(api.get("/api/v1/conversations/" + UUID.randomUUID()).as(s.guest()).send(), 404);
		assertProblem(api.get("/api/v1/conversations/" + id).send(), 401);
		assertThat(bodies(s.host(), id)).containsExactly("Hello");
		assertThat(bodies(s.guest(), id)).containsExactly("Hello");
	}

	@Test
	void contactDetailsAreHiddenFromTheOtherSideUntilAConfirmedBooking() {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), CONTACTS).path("id").asString();
		assertThat(send(s.host(), id, "Or text me on (415) 555-0199, check-in at 15:00 for 2 guests").status())
			.isEqualTo(201);
		// the sender sees what they wrote; the other side sees [hidden]
		assertThat(bodies(s.guest(), id)).containsExactly(CONTACTS, "Or text me on [hidden], check-in at 15:00 for 2 guests");
		assertThat(bodies(s.host(), id)).containsExactly(MASKED, "Or text me on (415) 555-0199, check-in at 15:00 for 2 guests");
		// a booking that never was confirmed (a hold that expired) changes nothing
		UUID pending = StoredBookings.confirmed(jdbc, UUID.fromString(s.propertyId()), s.guest().id(),
				LocalDate.now().plusDays(40), LocalDate.now().plusDays(43));
		jdbc.update("update bookings set status = 'expired' where id = ?", pending);
		assertThat(bodies(s.host(), id).getFirst()).isEqualTo(MASKED);
		assertThat(conversation(s.guest(), id).path("booking_id").asString()).isEqualTo(pending.toString());

		UUID booking = StoredBookings.confirmed(jdbc, UUID.fromString(s.propertyId()), s.guest().id(),
				LocalDate.now().plusDays(10), LocalDate.now().plusDays(12));
		assertThat(bodies(s.host(), id)).containsExactly(CONTACTS, "Or text me on (415) 555-0199, check-in at 15:00 for 2 guests");
		assertThat(bodies(s.guest(), id).get(1)).isEqualTo("Or text me on (415) 555-0199, check-in at 15:00 for 2 guests");
		// the confirmed stay is the conversation's booking, before the expired hold
		assertThat(conversation(s.guest(), id).path("booking_id").asString()).isEqualTo(booking.toString());
		assertThat(conversation(s.host(), id).path("booking_id").asString()).isEqualTo(booking.toString());
	}

	@Test
	void unreadCountsAreEachSidesAndReadMarksEverythingUpToNow() {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "One").path("id").asString();
		send(s.guest(), id, "Two");
		assertThat(conversation(s.host(), id).path("unread_count").asLong()).isEqualTo(2);
		assertThat(conversation(s.guest(), id).path("unread_count").asLong()).isZero();

		Api.Response read = api.post("/api/v1/conversations/" + id + "/read", null).as(s.host()).send();
		assertThat(read.status()).as(read.toString()).isEqualTo(204);
		assertThat(conversation(s.host(), id).path("unread_count").asLong()).isZero();

		clock.advance(Duration.ofSeconds(5));
		send(s.guest(), id, "Three");
		send(s.host(), id, "Reply");
		assertThat(conversation(s.host(), id).path("unread_count").asLong()).isEqualTo(1);
		assertThat(conversation(s.guest(), id).path("unread_count").asLong()).isEqualTo(1);
		JsonNode listed = api.get("/api/v1/conversations").as(s.host()).send().body().path("results").get(0);
		assertThat(listed.path("id").asString()).isEqualTo(id);
		assertThat(listed.path("unread_count").asLong()).isEqualTo(1);
	}

	/**
	 * Nodes' clocks differ by a few milliseconds. A message written on a node whose clock is behind was stamped before
	 * the messages and the read already stored: it was listed before them (a reader paging with a cursor past them never
	 * saw it) and counted as read by a read made before it was written. A read on such a node left the messages it
	 * had seen unread. Each message now comes after the conversation's last message and read, and a read covers every
	 * message stored.
	 */
	@Test
	void aNodeWhoseClockIsBehindKeepsTheOrderAndTheUnreadCounts() {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "One").path("id").asString();
		assertThat(send(s.guest(), id, "Two").status()).isEqualTo(201);
		assertThat(api.post("/api/v1/conversations/" + id + "/read", null).as(s.host()).send().status()).isEqualTo(204);
		String cursor = api.get("/api/v1/conversations/" + id + "/messages?limit=1").as(s.host()).send().body()
			.path("next_cursor").asString();

		clock.advance(Duration.ofSeconds(-1));
		assertThat(send(s.guest(), id, "Three").status()).isEqualTo(201);
		assertThat(bodies(s.host(), id)).containsExactly("One", "Two", "Three");
		assertThat(conversation(s.host(), id).path("unread_count").asLong()).isEqualTo(1);
		Api.Response next = api.get("/api/v1/conversations/" + id + "/messages?limit=100&cursor=" + cursor)
			.as(s.host()).send();
		List<String> after = new ArrayList<>();
		next.body().path("results").forEach(m -> after.add(m.path("body").asString()));
		assertThat(after).containsExactly("Two", "Three");

		clock.advance(Duration.ofSeconds(-1));
		assertThat(api.post("/api/v1/conversations/" + id + "/read", null).as(s.host()).send().status()).isEqualTo(204);
		assertThat(conversation(s.host(), id).path("unread_count").asLong()).isZero();
	}

	/**
	 * A read that took effect while the other side's message was still being written (stamped, not yet committed)
	 * marked that message read when it was committed, though its reader could never have seen it: the unread count
	 * stayed 0 for a message nobody had read. The message is held here between its stamp and its commit by a lock on
	 * the table, which no read needs.
	 */
	@Test
	void aMessageCommittedAfterAReadStaysUnread() throws Exception {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "Hello").path("id").asString();
		assertThat(api.post("/api/v1/conversations/" + id + "/read", null).as(s.host()).send().status()).isEqualTo(204);
		try (Connection blocker = dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement lock = blocker.createStatement()) {
				lock.execute("lock table messages in share mode");
			}
			CompletableFuture<Api.Response> sent = CompletableFuture.supplyAsync(() -> send(s.guest(), id, "Still?"));
			awaitWaiting("insert into messages");
			CompletableFuture<Api.Response> read = CompletableFuture.supplyAsync(
					() -> api.post("/api/v1/conversations/" + id + "/read", null).as(s.host()).send());
			// the read either takes effect now, before the message, or waits for the message to be written
			boolean readFirst = await().atMost(Duration.ofSeconds(30))
				.until(() -> read.isDone() ? Boolean.TRUE : waiting("conversations") ? Boolean.FALSE : null,
						Objects::nonNull);
			blocker.rollback();
			assertThat(sent.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
			assertThat(read.get(30, TimeUnit.SECONDS).status()).isEqualTo(204);
			assertThat(conversation(s.host(), id).path("unread_count").asLong())
				.as(readFirst ? "a message written after the read" : "a message written before the read")
				.isEqualTo(readFirst ? 1 : 0);
		}
	}

	/**
	 * A message whose sender's account was deleted after the request was authenticated and before the message was
	 * stored (the deletion committed while the message waited for the account's row) was stored, from an account that
	 * no longer exists (anonymised, its sessions ended). The deletion is made here as the service makes it, on the
	 * account's row, by a transaction that holds that row while the message waits.
	 */
	@Test
	void aMessageWhoseSendersAccountIsDeletedMeanwhileIsRefused() throws Exception {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "Hello").path("id").asString();
		try (Connection deletion = dataSource.getConnection()) {
			deletion.setAutoCommit(false);
			try (PreparedStatement lock = deletion.prepareStatement("select 1 from users where id = ? for update")) {
				lock.setObject(1, s.guest().id());
				lock.executeQuery();
			}
			CompletableFuture<Api.Response> sent = CompletableFuture.supplyAsync(() -> send(s.guest(), id, "Late"));
			awaitWaiting("insert into messages");
			try (PreparedStatement delete = deletion.prepareStatement(
					"update users set deleted_at = now() where id = ?")) {
				delete.setObject(1, s.guest().id());
				delete.executeUpdate();
			}
			deletion.commit();
			Api.Response late = sent.get(30, TimeUnit.SECONDS);
			assertThat(late.status()).as(late.toString()).isEqualTo(401);
		}
		assertThat(bodies(s.host(), id)).containsExactly("Hello");
	}

	/** The guest's read time of the conversation, as text (null while unset). */
	private String readAt(String id) {
		return jdbc.queryForObject("select guest_read_at::text from conversations where id = ?", String.class,
				UUID.fromString(id));
	}

	/**
	 * A read made while its reader's account was being deleted (after the request was authenticated) stamped the read
	 * time of a side whose account no longer existed, a write by a deleted account where every other one is refused:
	 * it is the 401 any deleted account's request gets, and the read time stays unset (V54).
	 */
	@Test
	void aReadWhoseReadersAccountIsDeletedMeanwhileIsRefused() throws Exception {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "Hello").path("id").asString();
		assertThat(send(s.host(), id, "Welcome").status()).isEqualTo(201);

		String before = readAt(id);
		Api.Response late = DeletionRace.writeWhileDeleting(api, dataSource, s.guest(),
				() -> api.post("/api/v1/conversations/" + id + "/read", null).as(s.guest()).send());

		assertThat(assertProblem(late, 401).path("code").asString()).isEqualTo("unauthorized");
		assertThat(readAt(id)).isEqualTo(before);
	}

	private void awaitWaiting(String statement) {
		await().atMost(Duration.ofSeconds(30)).until(() -> waiting(statement));
	}

	/** Whether a statement containing {@code text} waits for a lock in this database. */
	private boolean waiting(String text) {
		return Boolean.TRUE.equals(jdbc.queryForObject("""
				select exists (select 1 from pg_stat_activity where datname = current_database()
				  and wait_event_type = 'Lock' and query ilike '%' || ? || '%' and pid <> pg_backend_pid())""",
				Boolean.class, text));
	}

	@Test
	void conversationsAreListedLatestActivityFirstAndPagedStably() {
		TestUser guest = accounts.guest();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			TestUser host = accounts.host();
			clock.advance(Duration.ofSeconds(1));
			ids.add(opened(guest, Listings.id(listings.create(host)), "Hello " + i).path("id").asString());
		}
		// the oldest gets a new message: it moves to the top
		clock.advance(Duration.ofSeconds(1));
		send(guest, ids.getFirst(), "Still there?");
		List<String> expected = List.of(ids.get(0), ids.get(4), ids.get(3), ids.get(2), ids.get(1));

		Api.Response page1 = api.get("/api/v1/conversations?limit=2").as(guest).send();
		assertThat(page1.status()).isEqualTo(200);
		List<String> seen = new ArrayList<>();
		page1.body().path("results").forEach(c -> seen.add(c.path("id").asString()));
		String cursor = page1.body().path("next_cursor").asString();
		// a new conversation meanwhile lands on top: the following pages neither repeat nor skip
		clock.advance(Duration.ofSeconds(1));
		opened(guest, Listings.id(listings.create(accounts.host())), "Newcomer");
		while (cursor != null && !cursor.isEmpty()) {
			JsonNode page = api.get("/api/v1/conversations?limit=2&cursor=" + cursor).as(guest).send().body();
			page.path("results").forEach(c -> seen.add(c.path("id").asString()));
			cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
		}
		assertThat(seen).containsExactlyElementsOf(expected);
		assertProblem(api.get("/api/v1/conversations?cursor=bm9wZQ").as(guest).send(), 400);
	}

	@Test
	void messagesArePagedOldestFirst() {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "m0").path("id").asString();
		for (int i = 1; i < 5; i++) {
			clock.advance(Duration.ofSeconds(1));
			assertThat(send(i % 2 == 0 ? s.guest() : s.host(), id, "m" + i).status()).isEqualTo(201);
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = api.get("/api/v1/conversations/" + id + "/messages?limit=2"
					+ (cursor == null ? "" : "&cursor=" + cursor)).as(s.host()).send().body();
			page.path("results").forEach(m -> {
				seen.add(m.path("body").asString());
				assertThat(m.path("conversation_id").asString()).isEqualTo(id);
				assertThat(m.path("sender_id").asString()).isIn(s.guest().id().toString(), s.host().id().toString());
			});
			cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
		}
		while (cursor != null);
		assertThat(seen).containsExactly("m0", "m1", "m2", "m3", "m4");
		assertProblem(api.get("/api/v1/conversations/" + id + "/messages?cursor=bm9wZQ").as(s.host()).send(), 400);
	}

	@Test
	void aMessageIsWrittenOncePerIdempotencyKey() {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "Hello").path("id").asString();
		Api.Response first = api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Once"))
			.as(s.host())
			.header("Idempotency-Key", "reply-1")
			.send();
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.body().path("body").asString()).isEqualTo("Once");
		assertThat(first.body().path("sender_id").asString()).isEqualTo(s.host().id().toString());
		Api.Response again = api.post("/api/v1/conversations/" + id + "/messages", Map.of("body", "Once"))
			.as(s.host())
			.header("Idempotency-Key", "reply-1")
			.send();
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(again.body().path("id").asString()).isEqualTo(first.body().path("id").asString());
		assertThat(bodies(s.guest(), id)).containsExactly("Hello", "Once");

		Api.Response reopened = api.post("/api/v1/conversations", Map.of("property_id", s.propertyId(), "body", "Hi"))
			.as(s.guest())
			.header("Idempotency-Key", "open-1")
			.send();
		assertThat(api.post("/api/v1/conversations", Map.of("property_id", s.propertyId(), "body", "Hi"))
			.as(s.guest())
			.header("Idempotency-Key", "open-1")
			.send()
			.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(reopened.body().path("id").asString()).isEqualTo(id);
		assertThat(bodies(s.guest(), id)).containsExactly("Hello", "Once", "Hi");
	}

	@Test
	void concurrentFirstMessagesOpenOneConversation() throws Exception {
		Setup s = setup();
		List<Api.Response> responses = Concurrently.send(6, i -> open(s.guest(), s.propertyId(), "Race " + i));
		assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
		Set<String> ids = responses.stream().map(r -> r.body().path("id").asString()).collect(Collectors.toSet());
		assertThat(ids).hasSize(1);
		assertThat(bodies(s.guest(), ids.iterator().next())).hasSize(6);
		assertThat(jdbc.queryForObject("select count(*) from conversations where guest_id = ?", Long.class,
				s.guest().id())).isEqualTo(1);
	}

	@Test
	void aConversationWithADeletedAccountStaysReadableButTakesNoMessages() {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "Hello").path("id").asString();
		assertThat(api.delete("/api/v1/users/" + s.guest().id()).as(s.guest()).send().status()).isEqualTo(204);
		assertThat(bodies(s.host(), id)).containsExactly("Hello");
		assertThat(assertProblem(send(s.host(), id, "Are you there?"), 409).path("code").asString())
			.isEqualTo("conversation_closed");
	}

	@Test
	void theListingsHostMayAnswerAfterTheListingIsDeleted() {
		Setup s = setup();
		String id = opened(s.guest(), s.propertyId(), "Thanks for the stay").path("id").asString();
		assertThat(api.delete("/api/v1/properties/" + s.propertyId()).as(s.host()).send().status()).isEqualTo(204);
		assertThat(send(s.host(), id, "You are welcome").status()).isEqualTo(201);
		Map<String, Long> unread = new HashMap<>();
		unread.put("guest", conversation(s.guest(), id).path("unread_count").asLong());
		assertThat(unread).containsEntry("guest", 1L);
	}
}
