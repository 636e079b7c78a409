package io.staybook.shared.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/** What the build records of the conditions' settings, and which starts it tells apart from the build. */
class AotSettingsUnitTests {

	@Test
	void theBuildRecordsTheSettingsConditionsAskForAndNothingElse() {
		AotSettings.Recorder recorder = new AotSettings.Recorder();
		new ApplicationContextRunner().withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(recorder))
			.withUserConfiguration(Switched.class)
			.withPropertyValues("feature.enabled=true")
			.run(ctx -> {
				ctx.getEnvironment().getProperty("read.outside.a.condition");
				assertThat(ctx).hasSingleBean(String.class);
				assertThat(recorder.getSource()).contains("feature.enabled").doesNotContain("read.outside.a.condition");
				assertThat(AotSettings.render(recorder.getSource(), ctx.getEnvironment()))
					.isEqualTo("feature.enabled=set\\:true\n");
			});
	}

	@Test
	void aStartWithTheBuildsSettingsIsTheSame() {
		assertThat(AotSettings.differences(built(), new MockEnvironment().withProperty("spring.graphql.graphiql.enabled",
				"true"))).isEmpty();
	}

	@Test
	void aSettingSetOrChangedOrRemovedIsADifference() {
		MockEnvironment here = new MockEnvironment().withProperty("spring.graphql.graphiql.enabled", "false")
			.withProperty("management.server.port", "9081");
		assertThat(AotSettings.differences(built(), here)).containsExactly(
				"management.server.port: built with unset, here '9081'",
				"spring.graphql.graphiql.enabled: built with 'true', here 'false'");
		assertThat(AotSettings.differences(built(), new MockEnvironment()))
			.containsExactly("spring.graphql.graphiql.enabled: built with 'true', here unset");
	}

	@Test
	void settingsThatDecideNothingHereMayDiffer() {
		MockEnvironment here = new MockEnvironment().withProperty("spring.graphql.graphiql.enabled", "true")
			.withProperty("spring.datasource.url", "jdbc:postgresql://db/staybook")
			.withProperty("spring.flyway.url", "jdbc:postgresql://primary/staybook")
			.withProperty("server.port", "8080");
		assertThat(AotSettings.differences(built(), here)).isEmpty();
	}

	@Test
	void theServersPortDecidesWhenManagementHadAPortOfItsOwnAtBuildTime() {
		Properties built = built();
		built.setProperty("management.server.port", "set:9081");
		MockEnvironment here = new MockEnvironment().withProperty("spring.graphql.graphiql.enabled", "true")
			.withProperty("management.server.port", "9081")
			.withProperty("server.port", "9081");
		assertThat(AotSettings.differences(built, here)).containsExactly("server.port: built with '8080', here '9081'");
	}

	private static Properties built() {
		Properties built = new Properties();
		built.setProperty("spring.graphql.graphiql.enabled", "set:true");
		built.setProperty("management.server.port", "unset");
		built.setProperty("server.port", "set:8080");
		built.setProperty("spring.datasource.url", "set:jdbc:postgresql://127.0.0.1:5432/unused");
		built.setProperty("spring.flyway.url", "unset");
		return built;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("feature.enabled")
	static class Switched {

		@Bean
		String feature() {
			return "on";
		}
	}
}
