package io.staybook.shared.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.staybook.shared.jobs.Jobs;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.DebugLog;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With tracing switched on (Micrometer tracing, OpenTelemetry bridge, OTLP over HTTP), a request's spans are exported
 * to the configured collector, here a WireMock answering as an OTLP/HTTP receiver, and the request's log lines carry
 * the trace id beside the request id. Off by default: {@link TracingOffIntegrationTests}.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests {

	static final WireMockServer collector = started();

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	private static WireMockServer started() {
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(post(urlEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
		return server;
	}

	@DynamicPropertySource
	static void tracingOn(DynamicPropertyRegistry properties) {
		properties.add("staybook.tracing.enabled", () -> "true");
		properties.add("management.tracing.sampling.probability", () -> "1.0");
		properties.add("management.opentelemetry.tracing.export.otlp.endpoint",
				() -> "http://127.0.0.1:" + collector.port() + "/v1/traces");
		properties.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
	}

	@AfterAll
	static void stop() {
		collector.stop();
	}

	@Test
	void aRequestsSpansAreExportedAndItsLogLinesCarryTheTraceId(CapturedOutput output) {
		String requestId = "traced-" + UUID.randomUUID();
		// a caller's trace (W3C Trace Context): the request's spans continue it
		String traceId = UUID.randomUUID().toString().replace("-", "");
		String propertyId = Listings.id(listings.create(accounts.host()));
		LocalDate checkIn = LocalDate.now(ZoneOffset.UTC).plusDays(70);

		Response created;
		// the line this test reads is at DEBUG (Jobs)
		try (DebugLog jobs = DebugLog.of(Jobs.class)) {
			created = api
				.post("/api/v1/bookings", Map.of("property_id", propertyId, "check_in", checkIn.toString(), "check_out",
						checkIn.plusDays(1).toString(), "guests", 1))
				.as(accounts.guest())
				.header("X-Request-Id", requestId)
				.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
				.send();
		}

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(collector.findAll(postRequestedFor(urlEqualTo("/v1/traces")))).isNotEmpty());
		assertThat(collector.findAll(postRequestedFor(urlEqualTo("/v1/traces"))))
			.allSatisfy(export -> assertThat(export.getHeader("Content-Type")).isEqualTo("application/x-protobuf"));
		// the request's own line (its job's scheduling), with both ids
		assertThat(output.getOut().lines().filter(line -> line.contains("Scheduled job")))
			.anyMatch(line -> line.contains("[" + requestId + " trace=" + traceId + "]"));
	}
}
