package io.staybook.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.staybook.shared.jobs.Jobs;
import io.staybook.test.Accounts;
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
import org.springframework.context.ApplicationContext;

/**
 * Tracing is off by default ({@code staybook.tracing.enabled=false}): the shared test context, with the service's
 * default configuration, has no span exporter and Micrometer's no-op tracer: no span is made, nothing is sent
 * anywhere, start-up connects to no collector, and log lines carry the request id alone.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class TracingOffIntegrationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Test
	void byDefaultNothingIsExportedAndLinesCarryNoTraceId(CapturedOutput output) {
		String requestId = "untraced-" + UUID.randomUUID();
		LocalDate checkIn = LocalDate.now(ZoneOffset.UTC).plusDays(80);

		Response created;
		// the line this test reads is at DEBUG (Jobs)
		try (DebugLog jobs = DebugLog.of(Jobs.class)) {
			created = api
				.post("/api/v1/bookings", Map.of("property_id", Listings.id(listings.create(accounts.host())), "check_in",
						checkIn.toString(), "check_out", checkIn.plusDays(1).toString(), "guests", 1))
				.as(accounts.guest())
				.header("X-Request-Id", requestId)
				.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
				.send();
		}

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(context.getBeanNamesForType(SpanExporter.class)).isEmpty();
		assertThat(context.getBean(Tracer.class)).isSameAs(Tracer.NOOP);
		// Spring Boot's OpenTelemetry propagator would start an SDK span for every request, even with the tracer off
		assertThat(context.getBean(Propagator.class)).isSameAs(Propagator.NOOP);
		assertThat(output.getOut().lines().filter(line -> line.contains("Scheduled job")))
			.anyMatch(line -> line.contains("[" + requestId + "]"))
			.noneMatch(line -> line.contains("4bf92f3577b34da6a3ce929d0e0e4736"));
	}
}
