package io.staybook.user;

import io.staybook.shared.DemoDataSwitch;
import io.staybook.shared.security.Role;
import io.staybook.user.UserService.Registration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Demo accounts with a known password, loaded once when demo data is on, and listed in the log at every start. */
@Component
@Order(10)
class UserDemoData implements ApplicationRunner {

	static final String PASSWORD = "staybook-demo";

	private static final Logger log = LoggerFactory.getLogger(UserDemoData.class);

	static final List<Registration> ACCOUNTS = List.of(
			new Registration("Ada", "Admin", "admin@staybook.test", PASSWORD, null, Role.ADMIN),
			new Registration("Hana", "Host", "host1@staybook.test", PASSWORD, "+1 415 555 0101", Role.HOST),
			new Registration("Hugo", "Host", "host2@staybook.test", PASSWORD, "+33 1 55 55 01 02", Role.HOST),
			new Registration("Hiro", "Host", "host3@staybook.test", PASSWORD, "+81 3 5555 0103", Role.HOST),
			new Registration("Gina", "Guest", "guest1@staybook.test", PASSWORD, null, Role.GUEST),
			new Registration("Gus", "Guest", "guest2@staybook.test", PASSWORD, null, Role.GUEST),
			new Registration("Greta", "Guest", "guest3@staybook.test", PASSWORD, null, Role.GUEST));

	private final UserService users;

	private final DemoDataSwitch demoData;

	UserDemoData(UserService users, DemoDataSwitch demoData) {
		this.demoData = demoData;
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!demoData.enabled()) {
			return;
		}
		for (Registration account : ACCOUNTS) {
			if (!users.emailExists(account.email())) {
				if (account.role() == Role.ADMIN) {
					users.createAdmin(account);
				}
				else {
					users.registerDemo(account);
				}
			}
		}
		StringBuilder table = new StringBuilder("Demo accounts (password '" + PASSWORD + "'):");
		ACCOUNTS.forEach(a -> table.append("\n    ").append(a.role().json()).append("\t").append(a.email()));
		log.info(table.toString());
	}
}
