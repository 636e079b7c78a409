package io.staybook.test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestSupportConfig {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock();
	}

	@Bean
	Api api(org.springframework.core.env.Environment environment, MutableClock clock) {
		java.util.function.IntSupplier port = () -> Integer.parseInt(environment.getRequiredProperty("local.server.port"));
		return new Api(port, new FreshTokens(port, clock));
	}

	@Bean
	Accounts accounts(Api api, io.staybook.user.UserService users) {
		return new Accounts(api, users);
	}

	@Bean
	Listings listings(Api api) {
		return new Listings(api);
	}

	@Bean
	StatementRecorder statementRecorder() {
		return new StatementRecorder();
	}

	@Bean
	static BeanPostProcessor statementRecordingDataSource() {
		return StatementRecorder.wrapDataSources();
	}

	@Bean
	static BeanPostProcessor stallableMediaStore() {
		return StalledStore.wrapStores();
	}
}
