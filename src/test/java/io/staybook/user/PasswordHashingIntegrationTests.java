package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Password hashes hold no database connection (issue 10, item 4), and use OWASP's minimum Argon2id parameters, while
 * hashes made with the older ones still verify and are replaced on login.
 */
@IntegrationTest
class PasswordHashingIntegrationTests {

	/** OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1. */
	private static final String OWASP_MINIMUM = "{argon2}$argon2id$v=19$m=19456,t=2,p=1$";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	PasswordHashing hashing;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@AfterEach
	void unhook() {
		hashing.beforeHash = () -> {
		};
	}

	private String storedHash(TestUser user) {
		return jdbc.queryForObject("select password_hash from users where id = ?", String.class, user.id());
	}

	@Test
	void loginRegistrationReplayAndPasswordChangeHashWithNoTransactionNorConnectionHeld() throws Exception {
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		AtomicInteger hashes = new AtomicInteger();
		List<String> held = new CopyOnWriteArrayList<>();
		hashing.beforeHash = () -> {
			hashes.incrementAndGet();
			if (TransactionSynchronizationManager.isActualTransactionActive()) {
				held.add("a transaction");
			}
			if (!TransactionSynchronizationManager.getResourceMap().isEmpty()) {
				held.add("resources bound to the thread: " + TransactionSynchronizationManager.getResourceMap().keySet());
			}
			int active = pool.getHikariPoolMXBean().getActiveConnections();
			if (active > 0) {
				held.add(active + " active connections");
			}
		};

		String email = Accounts.uniqueEmail("hash");
		Map<String, Object> registration = Map.of("first_name", "Ada", "last_name", "Hash", "email", email,
				"password", Accounts.PASSWORD);
		var created = api.post("/api/v1/users", registration).header("Idempotency-Key", email).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var replayed = api.post("/api/v1/users", registration).header("Idempotency-Key", email).send();
		assertThat(replayed.status()).as(replayed.toString()).isEqualTo(201);
		assertThat(replayed.header("Idempotency-Replayed")).isEqualTo("true");
		TestUser user = accounts.login(email, Accounts.PASSWORD);
		assertProblem(api.post("/api/v1/auth/token", Map.of("email", email, "password", "wrong password")).send(),
				401);
		var changed = api.patch("/api/v1/users/me",
				Map.of("password", "another good password", "current_password", Accounts.PASSWORD))
			.as(user.accessToken())
			.send();
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

		// register (1) + replay (hash and check: 2) + login (1) + failed login (1) + password change (check and hash: 2)
		assertThat(hashes.get()).isGreaterThanOrEqualTo(7);
		assertThat(held).isEmpty();
	}

	@Test
	void newHashesUseOwaspsMinimumArgon2idParameters() {
		TestUser guest = accounts.guest();

		assertThat(storedHash(guest)).startsWith(OWASP_MINIMUM);
	}

	@Test
	void aHashWithTheOlderWeakerParametersStillVerifiesAndIsReplacedOnLogin() {
		TestUser guest = accounts.guest();
		// Spring Security 5.8's defaults, which earlier versions of Staybook stored: m = 16 MiB
		String old = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(guest.password());
		assertThat(old).contains("$m=16384,t=2,p=1$");
		jdbc.update("update users set password_hash = ? where id = ?", old, guest.id());

		assertProblem(api.post("/api/v1/auth/token", Map.of("email", guest.email(), "password", "not it")).send(),
				401);
		assertThat(storedHash(guest)).as("a failed login changes nothing").isEqualTo(old);

		TestUser again = accounts.login(guest.email(), guest.password());
		assertThat(storedHash(guest)).startsWith(OWASP_MINIMUM);
		assertThat(accounts.login(guest.email(), guest.password()).id()).isEqualTo(again.id());
	}

	/** Runs {@code action} once, during the next hash: between the request's read and its write. */
	private void duringTheNextHash(Runnable action) {
		java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
		hashing.beforeHash = () -> {
			if (done.compareAndSet(false, true)) {
				action.run();
			}
		};
	}

	@Test
	void aLoginWhoseAccountsPasswordChangesWhileItIsCheckedIsRefused() {
		TestUser guest = accounts.guest();
		String other = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("someone else's");
		duringTheNextHash(() -> jdbc.update("update users set password_hash = ? where id = ?", other, guest.id()));

		var login = api.post("/api/v1/auth/token", Map.of("email", guest.email(), "password", guest.password())).send();

		assertThat(assertProblem(login, 401).path("code").asString()).isEqualTo("invalid_credentials");
		assertThat(storedHash(guest)).as("the new password stays").isEqualTo(other);
	}

	@Test
	void aPasswordChangeRacedByAnotherIsA409AndLeavesTheOtherInPlace() {
		TestUser guest = accounts.guest();
		String other = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("changed meanwhile");
		duringTheNextHash(() -> jdbc.update("update users set password_hash = ? where id = ?", other, guest.id()));

		var change = api.patch("/api/v1/users/me",
				Map.of("password", "another good password", "current_password", guest.password()))
			.as(guest.accessToken())
			.send();

		assertThat(assertProblem(change, 409).path("code").asString()).isEqualTo("concurrent_update");
		assertThat(storedHash(guest)).isEqualTo(other);
	}
}
