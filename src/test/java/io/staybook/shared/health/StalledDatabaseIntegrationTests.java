package io.staybook.shared.health;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.staybook.shared.observability.RequestIds;
import io.staybook.test.Accounts;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL stalls (issue 11, item 8): this context reaches the test database through a {@link PausableProxy}, and
 * pausing it is what a SIGSTOPped server or a dropped network is to the service. Health must still answer within 2 s:
 * liveness UP (it never asks PostgreSQL), readiness and the overall status DOWN (503); a request that needs the
 * database is a 503 problem with {@code Retry-After} within the pool's connection timeout, not a hang; a cached
 * listing is still served, at once; and once the database answers again, so does readiness.
 */
@IntegrationTest
class StalledDatabaseIntegrationTests {

	/** What a load balancer's probe may wait at most. */
	private static final Duration PROBE_DEADLINE = Duration.ofMillis(2000);

	private static PausableProxy proxy;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		String url = System.getenv("SPRING_DATASOURCE_URL");
		Assumptions.assumeTrue(url != null && url.startsWith("jdbc:postgresql://"),
				"needs SPRING_DATASOURCE_URL to a PostgreSQL server");
		URI target = URI.create(url.substring("jdbc:".length()));
		proxy = new PausableProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
		String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath()
				+ (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
		registry.add("spring.datasource.url", () -> proxied);
	}

	@BeforeEach
	void loadTheContract() {
		// the client checks every exchange against /v3/api-docs, loaded once: not inside a timed call
		api.contract();
	}

	@AfterEach
	void resume() {
		proxy.resume();
	}

	@AfterAll
	static void closeProxy() {
		if (proxy != null) {
			proxy.close();
		}
	}

	/** Hikari's {@code com.zaxxer.hikari.aliveBypassWindowMs} default. */
	private static final Duration ALIVE_BYPASS_WINDOW = Duration.ofMillis(500);

	@Test
	void healthAnswersWithinTheProbeDeadlineWhilePostgresqlIsStalled() throws Exception {
		assertThat(api.get("/actuator/health/readiness").send().status()).isEqualTo(200);

		proxy.pause();

		Api.Response liveness = timed(() -> api.get("/actuator/health/liveness").send());
		assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
		assertThat(liveness.body().path("status").asString()).isEqualTo("UP");
		Api.Response readiness = timed(() -> api.get("/actuator/health/readiness").send());
		assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
		assertThat(readiness.body().path("status").asString()).isEqualTo("DOWN");
		Api.Response overall = timed(() -> api.get("/actuator/health").send());
		assertThat(overall.status()).as(overall.toString()).isEqualTo(503);
		// probes keep answering quickly while the stall lasts, not only the first one
		for (int i = 0; i < 3; i++) {
			assertThat(timed(() -> api.get("/actuator/health/readiness").send()).status()).isEqualTo(503);
		}

		proxy.resume();
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		int status;
		do {
			Thread.sleep(200);
			status = api.get("/actuator/health/readiness").send().status();
		}
		while (status != 200 && System.nanoTime() < deadline);
		assertThat(status).as("readiness UP again once PostgreSQL answers").isEqualTo(200);
	}

	@Test
	void aRequestThatNeedsTheDatabaseIsA503WithRetryAfterNotAHang() throws InterruptedException {
		// The pool's path: Hikari hands out a connection used in the last 500 ms (its alive-bypass window) without
		// checking it, and a statement sent on one waits for the driver's socket timeout (6 s), the mid-statement case
		// of PausedDatabaseIntegrationTests. A readiness probe of the test before can have used one just now.
		Thread.sleep(ALIVE_BYPASS_WINDOW.plusMillis(100));
		proxy.pause();

		long start = System.nanoTime();
		Api.Response response = api.get("/api/v1/properties/00000000-0000-7000-8000-000000000001").send();
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(response.status()).as(response.toString()).isEqualTo(503);
		assertThat(response.body().path("code").asString()).isEqualTo("service_unavailable");
		assertThat(response.header("Retry-After")).isNotBlank();
		// the pool's connection-timeout (2 s) and a little
		assertThat(took).isLessThan(Duration.ofMillis(3500));
	}

	/**
	 * A bearer token's account is looked up by a filter (the security chain), before Spring MVC's error handling. Its
	 * failure to reach PostgreSQL is the same 503 problem with {@code Retry-After} as a controller's, logged once at
	 * WARN on the request's line (with its request id), not handed to the servlet container, which logged it at ERROR
	 * with a stack trace and no request id, once for every authenticated request while the database was away (seen in
	 * the eleventh pass's load run, when its pool ran dry).
	 */
	@Test
	void anAuthenticatedRequestIsA503LoggedOnceOnItsOwnLineNotByTheContainer() throws InterruptedException {
		Accounts.TestUser guest = accounts.guest();
		// past the account cache (1 s) and the pool's alive-bypass window
		Thread.sleep(Duration.ofSeconds(1).plus(ALIVE_BYPASS_WINDOW).toMillis());
		proxy.pause();
		ListAppender<ILoggingEvent> captured = new ListAppender<>();
		captured.start();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(captured);
		Api.Response response;
		try {
			response = api.get("/api/v1/users/me").as(guest).send();
		}
		finally {
			root.detachAppender(captured);
		}

		assertThat(response.status()).as(response.toString()).isEqualTo(503);
		assertThat(response.body().path("code").asString()).isEqualTo("service_unavailable");
		assertThat(response.header("Retry-After")).isNotBlank();
		String requestId = response.header("X-Request-Id");
		synchronized (captured) {
			assertThat(captured.list).as("no line for this failure outside the request's own")
				.filteredOn(line -> line.getLoggerName().startsWith("org.apache.catalina"))
				.isEmpty();
			// the pool's own warnings about the connections it dropped may share the line; ours is said once
			assertThat(captured.list).filteredOn(line -> line.getLevel().isGreaterOrEqual(Level.WARN))
				.filteredOn(line -> line.getLoggerName().startsWith("io.staybook"))
				.filteredOn(line -> requestId.equals(line.getMDCPropertyMap().get(RequestIds.MDC_KEY)))
				.extracting(ILoggingEvent::getFormattedMessage)
				.singleElement(as(InstanceOfAssertFactories.STRING))
				.startsWith("Database unavailable at /api/v1/users/me");
		}
	}

	@Test
	void aCachedListingIsServedWhilePostgresqlIsStalled() {
		Accounts.TestUser host = accounts.host();
		String path = "/api/v1/properties/" + Listings.id(listings.create(host));
		Api.Response fresh = api.get(path).send();
		assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);

		proxy.pause();

		Api.Response cached = timed(() -> api.get(path).send());
		assertThat(cached.status()).as(cached.toString()).isEqualTo(200);
		assertThat(cached.text()).isEqualTo(fresh.text());
	}

	private static Api.Response timed(Supplier<Api.Response> call) {
		long start = System.nanoTime();
		Api.Response response = call.get();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(took).as("answered within the probe deadline: " + response).isLessThan(PROBE_DEADLINE);
		return response;
	}
}
