package io.staybook.user;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.staybook.shared.DemoDataSwitch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * The demo data loaders always exist and follow {@code staybook.demo-data.enabled} when they run (not a bean
 * condition, which an AOT-processed jar fixes at build time); the accounts' loader stands for the five.
 */
class DemoDataSwitchUnitTests {

	final UserService users = mock(UserService.class);

	@Test
	void switchedOffTheLoaderDoesNothing() {
		new UserDemoData(users, demoData(false)).run(new DefaultApplicationArguments());
		verifyNoInteractions(users);
	}

	@Test
	void switchedOnTheLoaderLoads() {
		when(users.emailExists(anyString())).thenReturn(true);
		new UserDemoData(users, demoData(true)).run(new DefaultApplicationArguments());
		verify(users, atLeastOnce()).emailExists("admin@staybook.test");
	}

	private static DemoDataSwitch demoData(boolean enabled) {
		return new DemoDataSwitch(enabled);
	}
}
