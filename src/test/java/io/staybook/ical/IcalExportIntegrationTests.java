package io.staybook.ical;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The export side of calendar sync over HTTP, with the default (production) address rules: the secret URL, the
 * calendar parsed back with ical4j, rotation, who may do what, and feed URLs refused at creation.
 */
@IntegrationTest
class IcalExportIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	static String path(String exportUrl) {
		return exportUrl.substring(exportUrl.indexOf("/api/v1/"));
	}

	@Test
	void theExportShowsBookingsAndBlocksAsAllDayEventsWithoutGuestData() throws Exception {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String id = listings.create(host).path("id").asString();
		LocalDate checkIn = LocalDate.now().plusDays(20);
		Api.Response booked = api.post("/api/v1/bookings", Map.of("property_id", id, "check_in", checkIn.toString(),
				"check_out", checkIn.plusDays(3).toString(), "guests", 2)).as(guest).send();
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		listings.block(host, id, checkIn.plusDays(10), checkIn.plusDays(12));

		Api.Response link = api.get("/api/v1/properties/" + id + "/ical").as(host).send();
		assertThat(link.status()).as(link.toString()).isEqualTo(200);
		String url = link.body().path("export_url").asString();
		assertThat(url).startsWith("http://localhost:").contains("/api/v1/properties/" + id + "/calendar.ics?token=");
		assertThat(api.get("/api/v1/properties/" + id + "/ical").as(host).send().body().path("export_url").asString())
			.as("the same URL until rotated").isEqualTo(url);

		Api.Response ics = api.get(path(url)).send();
		assertThat(ics.status()).as(ics.toString()).isEqualTo(200);
		assertThat(ics.header("Content-Type")).startsWith("text/calendar");
		Calendar calendar = new CalendarBuilder().build(new StringReader(ics.text()));
		List<VEvent> events = calendar.getComponents(net.fortuna.ical4j.model.Component.VEVENT);
		assertThat(events).hasSize(2);
		assertThat(events).extracting(e -> e.getProperty(Property.DTSTART).orElseThrow().getValue())
			.containsExactlyInAnyOrder(compact(checkIn), compact(checkIn.plusDays(10)));
		assertThat(events).extracting(e -> e.getProperty(Property.DTEND).orElseThrow().getValue())
			.containsExactlyInAnyOrder(compact(checkIn.plusDays(3)), compact(checkIn.plusDays(12)));
		assertThat(events).allSatisfy(e -> assertThat(
				e.getProperty(Property.DTSTART).orElseThrow().getParameter("VALUE").orElseThrow().getValue())
			.isEqualTo("DATE"));
		assertThat(events).extracting(e -> e.getProperty(Property.SUMMARY).orElseThrow().getValue())
			.containsExactlyInAnyOrder("Reserved", "Not available");
		// RFC 5545, 3.6.1: DTSTAMP is required and MUST NOT occur more than once (each event carried two)
		assertThat(events).allSatisfy(e -> assertThat(e.getProperties(Property.DTSTAMP)).hasSize(1));
		assertThat(ics.text()).doesNotContain(guest.email()).doesNotContain(guest.id().toString())
			.doesNotContain(booked.body().path("id").asString());
		List<String> uids = events.stream().map(e -> e.getProperty(Property.UID).orElseThrow().getValue()).toList();
		Calendar again = new CalendarBuilder().build(new StringReader(api.get(path(url)).send().text()));
		assertThat(again.<VEvent>getComponents(net.fortuna.ical4j.model.Component.VEVENT))
			.extracting(e -> e.getProperty(Property.UID).orElseThrow().getValue())
			.as("stable UIDs")
			.containsExactlyInAnyOrderElementsOf(uids);
	}

	static String compact(LocalDate date) {
		return date.toString().replace("-", "");
	}

	@Test
	void aWrongOrMissingTokenIsA404AndRotationRetiresTheOldUrl() {
		TestUser host = accounts.host();
		String id = listings.create(host).path("id").asString();
		String old = api.get("/api/v1/properties/" + id + "/ical").as(host).send().body().path("export_url").asString();
		assertThat(api.get(path(old)).send().status()).isEqualTo(200);

		assertThat(api.get("/api/v1/properties/" + id + "/calendar.ics").send().status()).isEqualTo(404);
		assertThat(api.get("/api/v1/properties/" + id + "/calendar.ics?token=nope").send().status()).isEqualTo(404);
		String otherListing = listings.create(host).path("id").asString();
		assertThat(api.get(path(old).replace(id, otherListing)).send().status()).as("a token is its listing's alone")
			.isEqualTo(404);

		Api.Response rotated = api.post("/api/v1/properties/" + id + "/ical/rotate", null).as(host).send();
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
		String fresh = rotated.body().path("export_url").asString();
		assertThat(fresh).isNotEqualTo(old);
		assertThat(api.get(path(old)).send().status()).isEqualTo(404);
		assertThat(api.get(path(fresh)).send().status()).isEqualTo(200);
		assertThat(api.get("/api/v1/properties/" + id + "/ical").as(host).send().body().path("export_url").asString())
			.isEqualTo(fresh);
	}

	@Test
	void onlyTheListingsHostManagesCalendarSync() {
		TestUser host = accounts.host();
		TestUser otherHost = accounts.host();
		TestUser admin = accounts.admin();
		String id = listings.create(host).path("id").asString();
		String base = "/api/v1/properties/" + id;

		assertThat(api.get(base + "/ical").send().status()).isEqualTo(401);
		assertThat(api.get(base + "/ical-imports").send().status()).isEqualTo(401);
		assertThat(api.post(base + "/ical/rotate", null).send().status()).isEqualTo(401);
		for (TestUser stranger : List.of(otherHost, admin)) {
			assertThat(api.get(base + "/ical").as(stranger).send().status()).isEqualTo(403);
			assertThat(api.post(base + "/ical/rotate", null).as(stranger).send().status()).isEqualTo(403);
			assertThat(api.get(base + "/ical-imports").as(stranger).send().status()).isEqualTo(403);
			assertThat(api.post(base + "/ical-imports", Map.of("url", "https://93.184.215.14/a.ics", "name", "X"))
				.as(stranger).send().status()).isEqualTo(403);
		}
		String unknown = "/api/v1/properties/0190b3c2-7a51-7cc4-9f43-5a2b0c1d2e3f";
		assertThat(api.get(unknown + "/ical").as(host).send().status()).isEqualTo(404);
		assertThat(api.get(unknown + "/calendar.ics?token=x").send().status()).isEqualTo(404);
		assertThat(api.delete(base + "/ical-imports/0190b3c2-7a51-7cc4-9f43-5a2b0c1d2e3f").as(host).send().status())
			.isEqualTo(404);

		Api.Response page = api.get(base + "/ical-imports").as(host).send();
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.body().path("results").size()).isZero();
		assertThat(page.body().path("next_cursor").isNull()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080/feed.ics", "http://127.0.0.1/feed.ics", "http://10.1.2.3/feed.ics",
			"http://192.168.1.20/cal.ics", "http://[::1]/feed.ics", "http://[::ffff:10.0.0.1]/feed.ics",
			"http://169.254.169.254/latest/meta-data/", "http://100.64.0.7/x.ics", "http://0.0.0.0/x.ics",
			"ftp://93.184.215.14/feed.ics", "file:///etc/passwd", "https://user:secret@93.184.215.14/feed.ics",
			"not a url", "https://no-such-host.invalid/feed.ics",
			// octal and bare-number IPv4: Java reads 0177.0.0.1 as 177.0.0.1 (public), curl and browsers as 127.0.0.1
			"http://0177.0.0.1/feed.ics", "http://012.0.0.1/feed.ics", "http://2130706433/feed.ics" })
	void feedUrlsThatAreNotPublicHttpAreRefusedAtCreation(String url) {
		TestUser host = accounts.host();
		String id = listings.create(host).path("id").asString();
		Api.Response refused = api.post("/api/v1/properties/" + id + "/ical-imports", Map.of("url", url, "name", "X"))
			.as(host).send();
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.body().path("errors").get(0).path("field").asString()).isEqualTo("url");
		assertThat(api.get("/api/v1/properties/" + id + "/ical-imports").as(host).send().body().path("results").size())
			.isZero();
	}
}
