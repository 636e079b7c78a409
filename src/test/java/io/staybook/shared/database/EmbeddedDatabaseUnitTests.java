package io.staybook.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The settings {@link EmbeddedDatabase} adds for a zero-setup run. The embedded server itself refuses root, so where
 * the suite runs as root only the settings are checked here; the README's `mvn spring-boot:run` as an ordinary user
 * starts it.
 */
class EmbeddedDatabaseUnitTests {

	private static final String URL = "jdbc:postgresql://localhost:54321/postgres";

	@Test
	void aZeroSetupRunListensOnTheLoopbackInterfaceOnlyForItsDemoAdminsPasswordIsPublic() {
		StandardEnvironment environment = withoutThisMachinesSettings();
		environment.getPropertySources().addLast(EmbeddedDatabase.zeroSetupSettings(URL));

		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(environment.getProperty("staybook.demo-data.enabled")).isEqualTo("true");
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(URL);
	}

	@Test
	void anAddressTheOperatorConfiguresWins() {
		StandardEnvironment environment = withoutThisMachinesSettings();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("operator", Map.of("SERVER_ADDRESS", "0.0.0.0",
					"STAYBOOK_DEMO_DATA_ENABLED", "false")));
		environment.getPropertySources().addLast(EmbeddedDatabase.zeroSetupSettings(URL));

		assertThat(environment.getProperty("server.address")).isEqualTo("0.0.0.0");
		assertThat(environment.getProperty("staybook.demo-data.enabled")).isEqualTo("false");
	}

	/** An environment without the JVM's system properties and environment (the suite's own datasource is in them). */
	private static StandardEnvironment withoutThisMachinesSettings() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		return environment;
	}
}
