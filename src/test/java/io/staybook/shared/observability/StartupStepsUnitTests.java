package io.staybook.shared.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code -Dstaybook.startup.steps=N} logs the slowest start-up steps once ready; unset, nothing is recorded. */
@ExtendWith(OutputCaptureExtension.class)
class StartupStepsUnitTests {

	@AfterEach
	void clear() {
		System.clearProperty(StartupSteps.PROPERTY);
	}

	@Test
	void asked_theSlowestStepsAreLoggedOnceReady(CapturedOutput output) {
		System.setProperty(StartupSteps.PROPERTY, "3");

		start();

		assertThat(output).contains("Start-up steps: ").contains("ms  spring.beans.instantiate beanName=slowBean")
			.contains("Self time per step name:");
	}

	@Test
	void notAsked_nothingIsRecorded(CapturedOutput output) {
		start();

		assertThat(output).doesNotContain("Start-up steps: ");
	}

	private static void start() {
		SpringApplication application = new SpringApplication(SlowBeanConfig.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		StartupSteps.recordIfAsked(application);
		application.run().close();
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowBeanConfig {

		@Bean
		String slowBean() throws InterruptedException {
			Thread.sleep(300);
			return "slow";
		}
	}
}
