package io.staybook.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.JobsTest;
import io.staybook.test.Listings;
import io.staybook.test.TestSmtp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A job scheduled by a request carries the request's {@code X-Request-Id}: every log line of its run has it in the MDC
 * ({@code request_id}), next to {@code job}. The payment's charge job, run by this context's scheduler, is the example.
 */
@JobsTest
class JobRequestIdIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	LoggingSystem logging;

	@Autowired
	JdbcTemplate jdbc;

	final ListAppender<ILoggingEvent> captured = new ListAppender<>();

	@BeforeEach
	void capture() {
		captured.start();
		root().addAppender(captured);
		// JobLogContext's own line, so that every run logs at least one
		logging.setLogLevel(JobLogContext.class.getName(), LogLevel.DEBUG);
	}

	@AfterEach
	void release() {
		root().detachAppender(captured);
		logging.setLogLevel(JobLogContext.class.getName(), null);
	}

	@Test
	void theChargeJobOfAPaymentLogsWithTheIdOfTheRequestThatMadeIt() {
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(accounts.host()));
		LocalDate checkIn = LocalDate.now(ZoneOffset.UTC).plusDays(50);
		Response booked = api.post("/api/v1/bookings", Map.of("property_id", propertyId, "check_in", checkIn.toString(),
				"check_out", checkIn.plusDays(2).toString(), "guests", 1)).as(guest).send();
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
		String requestId = "abc-" + UUID.randomUUID();

		Response paid = api
			.post("/api/v1/payments", Map.of("booking_id", booked.body().path("id").asString(), "payment_method", "card",
					"payment_token", "tok_visa"))
			.as(guest)
			.header("Idempotency-Key", "key-" + UUID.randomUUID())
			.header("X-Request-Id", requestId)
			.send();

		assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
		String job = "charge-payment/" + paid.body().path("id").asString();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(linesOf(job)).isNotEmpty());
		assertThat(linesOf(job)).allSatisfy(line -> assertThat(line.getMDCPropertyMap())
			.as(line.getFormattedMessage())
			.containsEntry("request_id", requestId));
	}

	@Test
	void everyJobABookingSchedulesCarriesItsRequestsIdAndNoOtherTransactionSeesIt() {
		TestUser guest = accounts.guest();
		String propertyId = Listings.id(listings.create(accounts.host()));
		LocalDate checkIn = LocalDate.now(ZoneOffset.UTC).plusDays(60);
		String requestId = "booking-" + UUID.randomUUID();

		// SMTP down keeps the booking's mail job in the queue (failing, retried) while it is looked at
		TestSmtp.stop();
		Response booked;
		List<Map<String, Object>> jobs;
		try {
			booked = api.post("/api/v1/bookings", Map.of("property_id", propertyId, "check_in", checkIn.toString(),
					"check_out", checkIn.plusDays(2).toString(), "guests", 1)).as(guest).header("X-Request-Id", requestId)
				.send();
			assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
			// the booking's mail job, inserted with its request id (Jobs#runNewAfterCommit)
			jobs = jdbc.queryForList("select task_name, request_id from scheduled_tasks where task_instance like ?",
					"%" + booked.body().path("id").asString() + "%");
		}
		finally {
			TestSmtp.start();
		}
		assertThat(jobs).extracting(job -> job.get("task_name")).contains("booking-mail");
		assertThat(jobs).allSatisfy(job -> assertThat(job.get("request_id")).as(job.toString()).isEqualTo(requestId));
		// the setting is the transaction's own: a job inserted afterwards, elsewhere, takes nothing from it
		assertThat(jdbc.queryForObject("select nullif(current_setting('staybook.request_id', true), '')", String.class))
			.isNull();
	}

	private List<ILoggingEvent> linesOf(String job) {
		synchronized (captured) { // AppenderBase.doAppend holds this lock
			return captured.list.stream().filter(line -> job.equals(line.getMDCPropertyMap().get("job"))).toList();
		}
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}
}
