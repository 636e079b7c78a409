package io.staybook.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells a newcomer where to click once the service is up. */
@Component
class StartupReport {

	private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

	@EventListener
	void ready(ApplicationReadyEvent event) {
		log.info(links(event.getApplicationContext().getEnvironment()));
	}

	/**
	 * The line logged at start: links on the port the service listens on ({@code local.server.port}), each one a page
	 * that answers 200 to an anonymous browser. The API's link is the listing search, since the base path
	 * {@code /api/v1} itself is no resource (404).
	 */
	static String links(Environment env) {
		String base = "http://localhost:" + env.getProperty("local.server.port", "8080");
		return "Staybook is up: API " + base + "/api/v1/properties, Swagger UI " + base + "/swagger-ui.html, GraphiQL "
				+ base + "/graphiql, health " + base + "/actuator/health";
	}
}
