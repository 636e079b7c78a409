package io.staybook.user;

import io.staybook.shared.DomainException;
import io.staybook.user.UserService.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first admin: created at start from {@code staybook.admin.email} and {@code staybook.admin.password} when no
 * account has that email yet. Nobody can register as admin, so this (or the demo data) is how the first one appears.
 * Several nodes may start at once: whichever creates the account first, the others start too.
 */
@Component
@Order(0)
class AdminAccount implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

	@ConfigurationProperties("staybook.admin")
	record Settings(String email, String password) {
	}

	private final Settings settings;

	private final UserService users;

	AdminAccount(Settings settings, UserService users) {
		this.settings = settings;
		this.users = users;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (settings.email() == null || settings.email().isBlank() || settings.password() == null) {
			return;
		}
		if (users.emailExists(settings.email())) {
			return;
		}
		try {
			users.createAdmin(new Registration("Admin", "Staybook", settings.email(), settings.password(), null, null));
		}
		catch (DomainException ex) {
			// nodes starting together on a fresh database all find no admin, and all create it: one wins, and the
			// others must start all the same (seen on scripts/cluster.sh's first start)
			if (users.emailExists(settings.email())) {
				log.info("The configured admin account {} was created by another node", settings.email());
				return;
			}
			throw ex;
		}
		log.info("Created the configured admin account {}", settings.email());
	}
}
