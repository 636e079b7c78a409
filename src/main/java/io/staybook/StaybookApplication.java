package io.staybook;

import io.staybook.shared.observability.StartupSteps;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StaybookApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StaybookApplication.class);
		StartupSteps.recordIfAsked(application);
		application.run(args);
	}
}
