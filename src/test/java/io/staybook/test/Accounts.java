package io.staybook.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.shared.security.Role;
import io.staybook.user.UserService;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data for accounts ("object mother"): registers users over HTTP and logs them in. */
public final class Accounts {

	public static final String PASSWORD = "correct horse battery";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private final Api api;

	private final UserService users;

	Accounts(Api api, UserService users) {
		this.api = api;
		this.users = users;
	}

	public record TestUser(UUID id, String email, String password, String accessToken, String refreshToken,
			Role role) {
	}

	public static String uniqueEmail(String prefix) {
		return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8)
				+ "@example.com";
	}

	public TestUser guest() {
		return register(Role.GUEST);
	}

	public TestUser host() {
		return register(Role.HOST);
	}

	/** Admins cannot register; the test creates one through the service, as the configured admin is. */
	public TestUser admin() {
		String email = uniqueEmail("admin");
		users.createAdmin(new UserService.Registration("Ada", "Admin", email, PASSWORD, null, null));
		return login(email, PASSWORD);
	}

	public TestUser register(Role role) {
		String email = uniqueEmail(role.json());
		var response = api.post("/api/v1/users", Map.of("first_name", "Test", "last_name", role.json(), "email",
				email, "password", PASSWORD, "role", role.json()))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return login(email, PASSWORD);
	}

	public TestUser login(String email, String password) {
		var response = api.post("/api/v1/auth/token", Map.of("email", email, "password", password)).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		var body = response.body();
		var me = api.get("/api/v1/users/me").as(body.path("access_token").asString()).send().body();
		return new TestUser(UUID.fromString(me.path("id").asString()), email, password,
				body.path("access_token").asString(), body.path("refresh_token").asString(),
				Role.fromJson(me.path("role").asString()));
	}
}
