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
		Environment env = event.getApplicationContext().getEnvironment();
		String base = "http://localhost:" + env.getProperty("local.server.port", "8080");
		log.info("Staybook is up: API {}/api/v1, Swagger UI {}/swagger-ui.html, GraphiQL {}/graphiql, health {}"
				+ "/actuator/health", base, base, base, base);
	}
}
