package io.staybook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StaybookApplication {

	public static void main(String[] args) {
		SpringApplication.run(StaybookApplication.class, args);
	}
}
