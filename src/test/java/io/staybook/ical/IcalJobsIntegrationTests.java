package io.staybook.ical;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.JobsTest;
import io.staybook.test.Listings;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The job side: a new import is synced by its one-time job right after the creating request commits. */
@JobsTest
@TestPropertySource(properties = "staybook.ical.allow-private-addresses=true")
class IcalJobsIntegrationTests {

	static WireMockServer feeds;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@BeforeAll
	static void startFeeds() {
		feeds = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		feeds.start();
	}

	@AfterAll
	static void stopFeeds() {
		feeds.stop();
	}

	@Test
	void aNewImportIsSyncedRightAfterItsCreation() {
		TestUser host = accounts.host();
		String listing = listings.create(host).path("id").asString();
		LocalDate start = LocalDate.now().plusDays(15);
		feeds.stubFor(get(urlPathEqualTo("/job.ics")).willReturn(aResponse().withBody(
				"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\nBEGIN:VEVENT\r\nUID:job@x\r\n"
						+ "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:" + start.toString().replace("-", "")
						+ "\r\nDTEND;VALUE=DATE:" + start.plusDays(2).toString().replace("-", "")
						+ "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")));
		Api.Response created = api.post("/api/v1/properties/" + listing + "/ical-imports",
				Map.of("url", "http://127.0.0.1:" + feeds.port() + "/job.ics", "name", "Job")).as(host).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Api.Response page = api.get("/api/v1/properties/" + listing + "/ical-imports").as(host).send();
			assertThat(page.body().path("results").get(0).path("last_synced_at").isNull()).isFalse();
		});
		Api.Response availability = api.get("/api/v1/properties/" + listing + "/availability?from=" + start
				+ "&to=" + start.plusDays(5)).send();
		assertThat(availability.body().path("unavailable").get(0).path("start").asString())
			.isEqualTo(start.toString());
		assertThat(availability.body().path("unavailable").get(0).path("reason").asString()).isEqualTo("blocked");
	}
}
