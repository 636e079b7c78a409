package io.staybook.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.staybook.shared.jobs.Jobs;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.DebugLog;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The request id ({@code X-Request-Id}: accepted, generated, on every response, in the request's log lines) and the
 * business meters (moving, and served to Prometheus).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	private static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	MeterRegistry meters;

	@Test
	void aRequestWithoutAnIdGetsANewOne() {
		Response first = api.get("/api/v1/properties?limit=1").send();
		Response second = api.get("/api/v1/properties?limit=1").send();

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("X-Request-Id")).matches(UUID_SHAPE);
		assertThat(second.header("X-Request-Id")).matches(UUID_SHAPE).isNotEqualTo(first.header("X-Request-Id"));
	}

	@Test
	void aValidIdSentIsReturned() {
		String id = "client-7f3a_9.b-" + "x".repeat(112);
		assertThat(id).hasSize(128);

		Response response = api.get("/api/v1/properties?limit=1").header("X-Request-Id", id).send();

		assertThat(response.header("X-Request-Id")).isEqualTo(id);
	}

	@Test
	void anInvalidIdSentIsReplaced() {
		for (String invalid : new String[] { "x".repeat(129), "has space", "quote\"", "semi;colon", "über" }) {
			Response response = api.get("/api/v1/properties?limit=1").header("X-Request-Id", invalid).send();

			assertThat(response.header("X-Request-Id")).as(invalid).matches(UUID_SHAPE);
		}
	}

	@Test
	void problemAndUnroutedResponsesCarryTheId() {
		Response unauthorized = api.get("/api/v1/users/me").header("X-Request-Id", "r-401").send();
		Response notFound = api.get("/api/v1/no-such-thing").header("X-Request-Id", "r-404").send();
		Response notAllowed = api.request("DELETE", "/api/v1/properties").header("X-Request-Id", "r-405").send();
		Response badQuery = api.get("/api/v1/properties?limit=abc").header("X-Request-Id", "r-400").send();

		assertThat(unauthorized.status()).isEqualTo(401);
		assertThat(unauthorized.header("X-Request-Id")).isEqualTo("r-401");
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.header("X-Request-Id")).isEqualTo("r-404");
		assertThat(notAllowed.status()).isEqualTo(405);
		assertThat(notAllowed.header("X-Request-Id")).isEqualTo("r-405");
		assertThat(badQuery.status()).isEqualTo(400);
		assertThat(badQuery.header("X-Request-Id")).isEqualTo("r-400");
		// refused by Tomcat before any filter: the error report valve gives it an id
		Response refusedByContainer = api.get("/api/v1/properties/%00").header("X-Request-Id", "r-tomcat").send();
		assertThat(refusedByContainer.status()).isEqualTo(400);
		assertThat(refusedByContainer.header("X-Request-Id")).isEqualTo("r-tomcat");
	}

	@Test
	void aBookingCountsItsTransitionAndLogsWithTheRequestId(CapturedOutput output) {
		TestUser host = accounts.host();
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(host));
		double before = transitions("none", "pending_payment");
		String requestId = "booking-" + UUID.randomUUID();
		LocalDate checkIn = LocalDate.now(ZoneOffset.UTC).plusDays(30);

		Response created;
		// the line this test reads is at DEBUG (Jobs)
		try (DebugLog jobs = DebugLog.of(Jobs.class)) {
			created = api
				.post("/api/v1/bookings", Map.of("property_id", propertyId, "check_in", checkIn.toString(), "check_out",
						checkIn.plusDays(2).toString(), "guests", 1))
				.as(guest)
				.header("X-Request-Id", requestId)
				.send();
		}

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
		assertThat(transitions("none", "pending_payment")).isEqualTo(before + 1);
		// the hold's expiry, scheduled by this request: the line links the request to the job
		assertThat(output.getOut().lines().filter(line -> line.contains("[" + requestId + "]")))
			.anyMatch(line -> line.contains("Scheduled job"));
	}

	@Test
	void prometheusServesTheBusinessMetersAndTheLatencyObjectives() {
		TestUser host = accounts.host();
		String cached = Listings.id(listings.create(host));
		api.get("/api/v1/properties/" + cached).send();
		api.get("/api/v1/properties/" + cached).send();
		api.post("/api/v1/bookings", Map.of("property_id", Listings.id(listings.create(host)), "check_in",
				LocalDate.now(ZoneOffset.UTC).plusDays(40).toString(), "check_out",
				LocalDate.now(ZoneOffset.UTC).plusDays(41).toString(), "guests", 1))
			.as(accounts.guest())
			.send();

		String metrics = api.get("/actuator/prometheus").as(accounts.admin()).send().text();

		assertThat(metrics).contains("staybook_bookings_transitions_total{from=\"none\",to=\"pending_payment\"}",
				"staybook_jobs_queue{", "http_server_requests_seconds_bucket{", "le=\"0.025\"", "le=\"0.25\"");
		assertThat(metrics.lines().filter(line -> line.startsWith("cache_gets_total{"))).as(metrics)
			.anyMatch(line -> line.contains("result=\"hit\"") && !line.endsWith(" 0.0"));
	}

	private double transitions(String from, String to) {
		var counter = meters.find("staybook.bookings.transitions").tags("from", from, "to", to).counter();
		return counter == null ? 0 : counter.count();
	}
}
