package io.staybook;

import io.staybook.shared.observability.StartupSteps;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Staybook service: one Spring Boot application serving the REST API under {@code /api/v1}, GraphQL at
 * {@code /graphql} and the background jobs, over one PostgreSQL database (docs/architecture.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StaybookApplication {

	/** Starts the service; {@code -Dstaybook.startup.steps=N} also logs the N slowest start-up steps. */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StaybookApplication.class);
		StartupSteps.recordIfAsked(application);
		application.run(args);
	}
}
