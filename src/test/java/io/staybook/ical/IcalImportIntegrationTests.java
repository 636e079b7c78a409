package io.staybook.ical;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StalledDns;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Imports over real HTTP from feeds a local WireMock serves (loopback allowed by configuration, as only tests do):
 * blocks created, moved and removed with the feed by UID, conflicts with bookings reported with the booking kept, and
 * the fetcher's bounds (redirect targets checked, size, time). Syncs are run directly, as the jobs run them.
 */
@IntegrationTest
@TestPropertySource(properties = { "staybook.ical.allow-private-addresses=true",
		"staybook.ical.timeout=" + IcalImportIntegrationTests.TIMEOUT_SECONDS + "s", "staybook.ical.max-feed-size=64KB" })
class IcalImportIntegrationTests {

	/**
	 * The feeds' timeout here: every fetch but the slow ones below must finish within it. At 2 s a loaded machine
	 * timed out a local feed of a few hundred bytes (eventsBecomeBlocks…); the slow feeds take twice and three times
	 * as long, so each still proves the cut-off.
	 */
	static final int TIMEOUT_SECONDS = 5;

	static WireMockServer feeds;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	IcalSync sync;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IcalImports imports;

	TestUser host;

	String listing;

	LocalDate day;

	@BeforeAll
	static void startFeeds() {
		feeds = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		feeds.start();
	}

	@AfterAll
	static void stopFeeds() {
		feeds.stop();
	}

	@BeforeEach
	void listing() {
		feeds.resetAll();
		host = accounts.host();
		listing = listings.create(host).path("id").asString();
		day = LocalDate.now().plusDays(30);
	}

	static String feed(String... events) {
		return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other platform//EN\r\n" + String.join("", events)
				+ "END:VCALENDAR\r\n";
	}

	static String event(String uid, LocalDate start, LocalDate end, String... more) {
		return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:" + compact(start)
				+ "\r\nDTEND;VALUE=DATE:" + compact(end) + "\r\nSUMMARY:Reserved\r\n"
				+ (more.length == 0 ? "" : String.join("\r\n", more) + "\r\n") + "END:VEVENT\r\n";
	}

	static String compact(LocalDate date) {
		return date.toString().replace("-", "");
	}

	void serve(String path, String body) {
		feeds.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "text/calendar")
			.withBody(body)));
	}

	String url(String path) {
		return "http://127.0.0.1:" + feeds.port() + path;
	}

	JsonNode create(String path, String name) {
		Api.Response created = api.post("/api/v1/properties/" + listing + "/ical-imports",
				Map.of("url", url(path), "name", name)).as(host).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.body();
	}

	/** The blocked spans of the listing over the next 200 days, as [start, end] pairs. */
	List<List<String>> blocked() {
		Api.Response availability = api.get("/api/v1/properties/" + listing + "/availability?from="
				+ LocalDate.now() + "&to=" + LocalDate.now().plusDays(200)).send();
		List<List<String>> spans = new ArrayList<>();
		availability.body().path("unavailable").forEach(span -> {
			if (span.path("reason").asString().equals("blocked")) {
				spans.add(List.of(span.path("start").asString(), span.path("end").asString()));
			}
		});
		return spans;
	}

	static List<String> span(LocalDate start, LocalDate end) {
		return List.of(start.toString(), end.toString());
	}

	JsonNode imported(String id) {
		Api.Response page = api.get("/api/v1/properties/" + listing + "/ical-imports").as(host).send();
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		for (JsonNode row : page.body().path("results")) {
			if (row.path("id").asString().equals(id)) {
				return row;
			}
		}
		throw new AssertionError("import " + id + " not listed: " + page);
	}

	@Test
	void eventsBecomeBlocksThatMoveAndGoWithTheFeedWhileTheHostsOwnBlockStays() {
		listings.block(host, listing, day.plusDays(60), day.plusDays(62));
		serve("/airbnb.ics", feed(event("a@airbnb", day, day.plusDays(3)),
				event("b@airbnb", day.plusDays(10), day.plusDays(12))));
		String id = create("/airbnb.ics", "Airbnb").path("id").asString();
		assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_name = ? and task_instance = ?")
			.params(IcalJobs.FIRST_SYNC, id).query(Integer.class).single()).as("synced once right after creation")
			.isEqualTo(1);

		sync.sync(UUID.fromString(id));
		assertThat(blocked()).containsExactly(span(day, day.plusDays(3)), span(day.plusDays(10), day.plusDays(12)),
				span(day.plusDays(60), day.plusDays(62)));
		JsonNode row = imported(id);
		assertThat(row.path("last_synced_at").isNull()).isFalse();
		assertThat(row.path("last_error").isNull()).isTrue();
		assertThat(row.path("name").asString()).isEqualTo("Airbnb");
		assertThat(row.path("url").asString()).isEqualTo(url("/airbnb.ics"));

		// a moved, b removed, c new
		serve("/airbnb.ics", feed(event("a@airbnb", day.plusDays(1), day.plusDays(5)),
				event("c@airbnb", day.plusDays(20), day.plusDays(21))));
		sync.sync(UUID.fromString(id));
		assertThat(blocked()).containsExactly(span(day.plusDays(1), day.plusDays(5)),
				span(day.plusDays(20), day.plusDays(21)), span(day.plusDays(60), day.plusDays(62)));

		// cancelled at the source: removed here
		serve("/airbnb.ics", feed(event("a@airbnb", day.plusDays(1), day.plusDays(5), "STATUS:CANCELLED"),
				event("c@airbnb", day.plusDays(20), day.plusDays(21))));
		sync.sync(UUID.fromString(id));
		assertThat(blocked()).containsExactly(span(day.plusDays(20), day.plusDays(21)),
				span(day.plusDays(60), day.plusDays(62)));

		// a booking over an imported block is refused like over any block
		Api.Response booking = api.post("/api/v1/bookings", Map.of("property_id", listing, "check_in",
				day.plusDays(20).toString(), "check_out", day.plusDays(22).toString(), "guests", 1))
			.as(accounts.guest()).send();
		assertThat(booking.status()).as(booking.toString()).isEqualTo(409);

		// removing the import removes its blocks, and only those
		assertThat(api.delete("/api/v1/properties/" + listing + "/ical-imports/" + id).as(host).send().status())
			.isEqualTo(204);
		assertThat(blocked()).containsExactly(span(day.plusDays(60), day.plusDays(62)));
		assertThat(api.get("/api/v1/properties/" + listing + "/ical-imports").as(host).send().body().path("results")
			.size()).isZero();
		sync.sync(UUID.fromString(id));
		assertThat(blocked()).as("a sync of a removed import does nothing").hasSize(1);
	}

	@Test
	void anEventOverABookingIsAConflictAndTheBookingStays() {
		TestUser guest = accounts.guest();
		Api.Response booking = api.post("/api/v1/bookings", Map.of("property_id", listing, "check_in", day.toString(),
				"check_out", day.plusDays(3).toString(), "guests", 1)).as(guest).send();
		assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
		serve("/vrbo.ics", feed(event("over@vrbo", day.plusDays(2), day.plusDays(5)),
				event("free@vrbo", day.plusDays(8), day.plusDays(9))));
		String id = create("/vrbo.ics", "Vrbo").path("id").asString();

		sync.sync(UUID.fromString(id));
		JsonNode row = imported(id);
		assertThat(row.path("last_error").isNull()).isTrue();
		assertThat(row.path("conflicts").size()).isEqualTo(1);
		assertThat(row.path("conflicts").get(0).path("start").asString()).isEqualTo(day.plusDays(2).toString());
		assertThat(row.path("conflicts").get(0).path("end").asString()).isEqualTo(day.plusDays(5).toString());
		assertThat(blocked()).containsExactly(span(day.plusDays(8), day.plusDays(9)));
		Api.Response kept = api.get("/api/v1/bookings/" + booking.body().path("id").asString()).as(guest).send();
		assertThat(kept.body().path("status").asString()).isEqualTo("pending_payment");

		// the event moves off the booking: the conflict is gone and the block made
		serve("/vrbo.ics", feed(event("over@vrbo", day.plusDays(3), day.plusDays(5)),
				event("free@vrbo", day.plusDays(8), day.plusDays(9))));
		sync.sync(UUID.fromString(id));
		assertThat(imported(id).path("conflicts").size()).isZero();
		assertThat(blocked()).containsExactly(span(day.plusDays(3), day.plusDays(5)),
				span(day.plusDays(8), day.plusDays(9)));
	}

	@Test
	void aRedirectIsFollowedOnlyToAnAllowedAddress() {
		serve("/final.ics", feed(event("r@x", day, day.plusDays(1))));
		feeds.stubFor(get(urlPathEqualTo("/moved.ics")).willReturn(aResponse().withStatus(302)
			.withHeader("Location", "/final.ics")));
		String followed = create("/moved.ics", "Moved").path("id").asString();
		sync.sync(UUID.fromString(followed));
		assertThat(blocked()).containsExactly(span(day, day.plusDays(1)));

		feeds.stubFor(get(urlPathEqualTo("/metadata.ics")).willReturn(aResponse().withStatus(301)
			.withHeader("Location", "http://169.254.169.254/latest/meta-data/")));
		String refused = create("/metadata.ics", "Sneaky").path("id").asString();
		sync.sync(UUID.fromString(refused));
		assertThat(imported(refused).path("last_error").asString()).contains("link-local");
		assertThat(imported(refused).path("last_synced_at").isNull()).isTrue();

		feeds.stubFor(get(urlPathEqualTo("/loop.ics")).willReturn(aResponse().withStatus(302)
			.withHeader("Location", "/loop.ics")));
		String loop = create("/loop.ics", "Loop").path("id").asString();
		sync.sync(UUID.fromString(loop));
		assertThat(imported(loop).path("last_error").asString()).contains("redirected more than 5 times");
		feeds.verify(6, getRequestedFor(urlPathEqualTo("/loop.ics")));
	}

	/**
	 * A redirect whose Location is no URL ({@code http://exa mple.com/}) threw out of the fetch: the sync failed with
	 * no last_error, and in the sweep it ended the batch, so the imports after it, other hosts' too, were not synced
	 * until their next turn (found by trying it as a feed's server).
	 */
	@Test
	void aRedirectToSomethingThatIsNoUrlFailsOnlyItsOwnImport() {
		feeds.stubFor(get(urlPathEqualTo("/bad-redirect.ics")).willReturn(aResponse().withStatus(302)
			.withHeader("Location", "http://exa mple.com/feed.ics")));
		serve("/fine.ics", feed(event("fine@x", day, day.plusDays(3))));
		UUID bad = UUID.fromString(create("/bad-redirect.ics", "Bad redirect").path("id").asString());
		UUID fine = UUID.fromString(create("/fine.ics", "Fine").path("id").asString());

		sync.syncEach(List.of(bad, fine));

		assertThat(imported(bad.toString()).path("last_error").asString())
			.isEqualTo("The feed redirected to a Location that is not a valid URL.");
		assertThat(blocked()).containsExactly(span(day, day.plusDays(3)));
	}

	@Test
	void aFeedThatFailsKeepsTheBlocksItHeldAndSaysWhy() {
		serve("/flaky.ics", feed(event("k@x", day, day.plusDays(2))));
		String id = create("/flaky.ics", "Flaky").path("id").asString();
		sync.sync(UUID.fromString(id));
		assertThat(blocked()).containsExactly(span(day, day.plusDays(2)));

		// over the size limit (64 KiB here)
		serve("/flaky.ics", feed(event("k@x", day, day.plusDays(2), "DESCRIPTION:" + "x".repeat(70 * 1024))));
		sync.sync(UUID.fromString(id));
		assertThat(imported(id).path("last_error").asString()).contains("larger than 64 KiB");

		// slower than the timeout (TIMEOUT_SECONDS here): before the headers, and dribbling its body
		int timeout = TIMEOUT_SECONDS * 1000;
		feeds.stubFor(get(urlPathEqualTo("/flaky.ics")).willReturn(aResponse().withFixedDelay(2 * timeout)
			.withBody(feed())));
		long started = System.nanoTime();
		sync.sync(UUID.fromString(id));
		String late = "did not answer within " + TIMEOUT_SECONDS + " s";
		assertThat(imported(id).path("last_error").asString()).contains(late);
		feeds.stubFor(get(urlPathEqualTo("/flaky.ics")).willReturn(aResponse().withChunkedDribbleDelay(20, 3 * timeout)
			.withBody(feed(event("k@x", day, day.plusDays(2), "DESCRIPTION:" + "y".repeat(2000))))));
		sync.sync(UUID.fromString(id));
		assertThat(imported(id).path("last_error").asString()).contains(late);
		// uncut, the two would take 5 timeouts; cut off, 2, and the bound leaves 2 more for a slow machine
		assertThat((System.nanoTime() - started) / 1_000_000).as("each fetch cut off near the timeout")
			.isLessThan(4L * timeout);

		serve("/flaky.ics", "<html><body>Maintenance</body></html>");
		sync.sync(UUID.fromString(id));
		assertThat(imported(id).path("last_error").asString()).contains("not valid iCalendar");

		feeds.stubFor(get(urlPathEqualTo("/flaky.ics")).willReturn(aResponse().withStatus(503)));
		sync.sync(UUID.fromString(id));
		assertThat(imported(id).path("last_error").asString()).contains("HTTP 503");
		assertThat(blocked()).as("the blocks it held stay").containsExactly(span(day, day.plusDays(2)));

		serve("/flaky.ics", feed(event("k@x", day, day.plusDays(2))));
		sync.sync(UUID.fromString(id));
		assertThat(imported(id).path("last_error").isNull()).isTrue();
	}

	/**
	 * An event with a value that is not a date (an EXDATE, a recurrence's UNTIL, a year 0) made ical4j refuse the
	 * whole feed, so its good events closed nothing and the listing stayed open to double booking (found by trying it as
	 * a client); the contract's sync skips and counts that one event.
	 */
	@Test
	void anEventWithAnUnreadableValueIsSkippedAndTheOthersStillBlock() {
		serve("/one-bad.ics", feed(event("good@x", day, day.plusDays(2)),
				event("bad-exdate@x", day.plusDays(5), day.plusDays(6), "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:garbage"),
				event("bad-until@x", day.plusDays(10), day.plusDays(11), "RRULE:FREQ=DAILY;UNTIL=garbage"),
				"BEGIN:VEVENT\r\nUID:year-zero@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:00000101\r\n"
						+ "DTEND;VALUE=DATE:00000102\r\nEND:VEVENT\r\n",
				event("good-too@x", day.plusDays(20), day.plusDays(21))));
		String id = create("/one-bad.ics", "One bad").path("id").asString();
		sync.sync(UUID.fromString(id));

		assertThat(blocked()).containsExactly(span(day, day.plusDays(2)), span(day.plusDays(20), day.plusDays(21)));
		JsonNode row = imported(id);
		assertThat(row.path("last_synced_at").isNull()).as(row.toString()).isFalse();
		assertThat(row.path("last_error").asString()).as(row.toString()).contains("3 events");
	}

	/**
	 * An event whose end PostgreSQL cannot store (DURATION:P999999999D, the year 2739934) failed the sync's insert: the
	 * job failed at every try, none of the feed's events blocked anything and last_error stayed empty (found by
	 * trying it as a host). Its end is now kept within the horizon, and the feed syncs.
	 */
	@Test
	void anEventThatNeverEndsBlocksUpToTheHorizon() {
		serve("/endless.ics", feed(event("good@x", day, day.plusDays(2)),
				"BEGIN:VEVENT\r\nUID:endless@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:"
						+ compact(day.plusDays(10)) + "\r\nDURATION:P999999999D\r\nEND:VEVENT\r\n"));
		String id = create("/endless.ics", "Endless").path("id").asString();
		sync.sync(UUID.fromString(id));

		JsonNode row = imported(id);
		assertThat(row.path("last_synced_at").isNull()).as(row.toString()).isFalse();
		assertThat(row.path("last_error").isNull()).as(row.toString()).isTrue();
		assertThat(jdbc.sql("select max(end_date) from property_blocks where ical_import_id = ?")
			.param(UUID.fromString(id))
			.query(LocalDate.class)
			.single()).isEqualTo(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(550));
		assertThat(blocked()).first().isEqualTo(span(day, day.plusDays(2)));
	}

	@Test
	void aServerThatIsNotThereIsAnError() throws Exception {
		int closed;
		try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		Api.Response created = api.post("/api/v1/properties/" + listing + "/ical-imports",
				Map.of("url", "http://127.0.0.1:" + closed + "/gone.ics", "name", "Gone")).as(host).send();
		String id = created.body().path("id").asString();
		sync.sync(UUID.fromString(id));
		assertThat(imported(id).path("last_error").asString()).isEqualTo("The feed's server could not be reached.");
	}

	@Test
	void theSweepTakesEachDueImportOnceAndMovesItToItsNextTurn() {
		serve("/due.ics", feed());
		UUID id = UUID.fromString(create("/due.ics", "Due").path("id").asString());
		java.time.Instant now = java.time.Instant.now().plusSeconds(1);
		assertThat(imports.claimDue(now, java.time.Duration.ofMinutes(15), 1000)).contains(id);
		assertThat(imports.claimDue(now, java.time.Duration.ofMinutes(15), 1000)).as("not due again until its turn")
			.doesNotContain(id);
		assertThat(imports.claimDue(now.plus(java.time.Duration.ofMinutes(15)), java.time.Duration.ofMinutes(15), 1000))
			.contains(id);
	}

	@Test
	void creationIsIdempotentAndTheListIsCursorPaged() {
		serve("/one.ics", feed());
		Map<String, String> body = Map.of("url", url("/one.ics"), "name", "One");
		Api.Response first = api.post("/api/v1/properties/" + listing + "/ical-imports", body).as(host)
			.header("Idempotency-Key", "ical-" + listing).send();
		Api.Response again = api.post("/api/v1/properties/" + listing + "/ical-imports", body).as(host)
			.header("Idempotency-Key", "ical-" + listing).send();
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
		assertThat(again.body().path("id").asString()).isEqualTo(first.body().path("id").asString());
		create("/two.ics", "Two");

		Api.Response page = api.get("/api/v1/properties/" + listing + "/ical-imports?limit=1").as(host).send();
		assertThat(page.body().path("results").get(0).path("name").asString()).isEqualTo("Two");
		String cursor = page.body().path("next_cursor").asString();
		Api.Response next = api.get("/api/v1/properties/" + listing + "/ical-imports?limit=1&cursor=" + cursor)
			.as(host).send();
		assertThat(next.body().path("results").get(0).path("name").asString()).isEqualTo("One");
		assertThat(next.body().path("next_cursor").isNull()).isTrue();
	}

	/**
	 * The host name of a new import is resolved before the import's transaction: while the name server stalls, the
	 * listing's row is free (its bookings, blocks and prices go ahead) and the request holds no pooled connection. Over
	 * REST with an idempotency key (its own transaction around the import) and over GraphQL. Before, the lookup ran
	 * under the listing's row lock, for as long as the system's resolver allowed.
	 */
	@Test
	void aStalledNameServerHoldsNeitherTheListingsRowNorAConnection() throws Exception {
		serve("/stalled.ics", feed());
		String rest = "http://rest" + StalledDns.DOMAIN + ":" + feeds.port() + "/stalled.ics";
		String graphQl = "http://graphql" + StalledDns.DOMAIN + ":" + feeds.port() + "/stalled.ics";
		List<CompletableFuture<Api.Response>> created = new ArrayList<>();
		try (StalledDns.Stall first = StalledDns.stall("rest" + StalledDns.DOMAIN);
				StalledDns.Stall second = StalledDns.stall("graphql" + StalledDns.DOMAIN)) {
			created.add(CompletableFuture.supplyAsync(() -> api.post("/api/v1/properties/" + listing + "/ical-imports",
					Map.of("url", rest, "name", "Stalled")).as(host).header("Idempotency-Key", "stalled-" + listing)
				.send()));
			first.awaitLookup(Duration.ofSeconds(20));
			assertNothingWaitsOnTheNameServer();
			created.add(CompletableFuture.supplyAsync(() -> api.post("/graphql", Map.of("query", """
					mutation($p: ID!, $u: String!) {
					  createIcalImport(propertyId: $p, input: {url: $u, name: "Stalled too"}) { id }
					}""", "variables", Map.of("p", listing, "u", graphQl))).as(host).send()));
			second.awaitLookup(Duration.ofSeconds(20));
			assertNothingWaitsOnTheNameServer();
		}
		Api.Response byRest = created.get(0).get(20, TimeUnit.SECONDS);
		assertThat(byRest.status()).as(byRest.toString()).isEqualTo(201);
		Api.Response byGraphQl = created.get(1).get(20, TimeUnit.SECONDS);
		assertThat(byGraphQl.body().path("data").path("createIcalImport").path("id").isString())
			.as(byGraphQl.toString()).isTrue();
	}

	void assertNothingWaitsOnTheNameServer() {
		assertThat(jdbc.sql("select id::text from properties where id = ?::uuid for update nowait")
			.param(listing).query(String.class).single()).as("the listing's row is not locked").isEqualTo(listing);
		assertThat(jdbc.sql("""
				select count(*) from pg_stat_activity
				where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'""")
			.query(Integer.class).single()).as("no transaction waits on the name server").isZero();
	}
}
