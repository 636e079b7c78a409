package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.shared.Ids;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** {@code GET /users} (admins: paged, filtered) and {@code DELETE /users/{id}} (self or admin). */
@IntegrationTest
class UserAdministrationIntegrationTests {

	private static final List<String> FULL_VIEW = List.of("id", "first_name", "last_name", "email", "phone_number",
			"role", "created_at", "email_verified");

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcTemplate jdbc;

	private Api.Response list(TestUser caller, String query) {
		return api.get("/api/v1/users" + query).as(caller == null ? null : caller.accessToken()).send();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static List<String> ids(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("results").forEach(user -> ids.add(user.path("id").asString()));
		return ids;
	}

	/** Every page of a listing, following next_cursor, with the checks each page must pass. */
	private List<JsonNode> walk(TestUser admin, String filter, int limit) {
		List<JsonNode> pages = new ArrayList<>();
		String cursor = null;
		do {
			String query = "?limit=" + limit + filter + (cursor == null ? "" : "&cursor=" + encode(cursor));
			var response = list(admin, query);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			JsonNode page = response.body();
			assertThat(page.propertyNames()).containsExactlyInAnyOrder("results", "next_cursor");
			assertThat(page.path("results").size()).isBetween(1, limit);
			page.path("results")
				.forEach(user -> assertThat(user.propertyNames()).containsExactlyInAnyOrderElementsOf(FULL_VIEW));
			pages.add(page);
			cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
			if (cursor != null) {
				assertThat(page.path("results").size()).as("a page followed by another is full").isEqualTo(limit);
			}
			assertThat(pages).as("the walk ends").hasSizeLessThan(1_000);
		}
		while (cursor != null);
		return pages;
	}

	@Test
	void adminsWalkPagesOfARoleNewestFirst() {
		TestUser admin = accounts.admin();
		List<TestUser> hosts = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			hosts.add(accounts.host());
		}
		TestUser guest = accounts.guest();

		List<JsonNode> pages = walk(admin, "&role=host", 2);
		List<String> all = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (JsonNode page : pages) {
			for (String id : ids(page)) {
				assertThat(seen.add(id)).as("pages are disjoint: %s repeats", id).isTrue();
				all.add(id);
			}
			page.path("results").forEach(user -> assertThat(user.path("role").asString()).isEqualTo("host"));
		}
		assertThat(pages.size()).isGreaterThanOrEqualTo(3);
		assertThat(all).as("in one order across pages: newest (greatest time-ordered id) first")
			.isSortedAccordingTo((a, b) -> b.compareTo(a));
		assertThat(all.subList(0, 5)).as("the five hosts just created, newest first")
			.containsExactly(hosts.reversed().stream().map(h -> h.id().toString()).toArray(String[]::new));
		assertThat(all).doesNotContain(guest.id().toString(), admin.id().toString());

		List<Instant> created = new ArrayList<>();
		pages.getFirst().path("results").forEach(u -> created.add(Instant.parse(u.path("created_at").asString())));
		assertThat(created).isSortedAccordingTo((a, b) -> b.compareTo(a));
	}

	@Test
	void aWalkFilteredByEmailIsOnePage() {
		TestUser admin = accounts.admin();
		TestUser guest = accounts.guest();
		accounts.guest();

		List<JsonNode> pages = walk(admin, "&email=" + encode(guest.email()), 2);
		assertThat(pages).hasSize(1);
		assertThat(ids(pages.getFirst())).containsExactly(guest.id().toString());
		assertThat(pages.getFirst().has("next_cursor")).isTrue();
		assertThat(pages.getFirst().path("next_cursor").isNull()).isTrue();
	}

	@Test
	void theRoleFilterKeepsOnlyThatRole() {
		TestUser admin = accounts.admin();
		TestUser guest = accounts.guest();
		TestUser host = accounts.host();

		JsonNode hosts = list(admin, "?role=host&limit=100").body();
		assertThat(ids(hosts)).contains(host.id().toString()).doesNotContain(guest.id().toString());
		hosts.path("results").forEach(user -> assertThat(user.path("role").asString()).isEqualTo("host"));

		JsonNode guests = list(admin, "?role=guest&limit=100").body();
		assertThat(ids(guests)).contains(guest.id().toString()).doesNotContain(host.id().toString());
		guests.path("results").forEach(user -> assertThat(user.path("role").asString()).isEqualTo("guest"));

		JsonNode admins = list(admin, "?role=admin&limit=100").body();
		assertThat(ids(admins)).contains(admin.id().toString());
		admins.path("results").forEach(user -> assertThat(user.path("role").asString()).isEqualTo("admin"));
	}

	@Test
	void theEmailFilterIgnoresLetterCase() {
		TestUser admin = accounts.admin();
		TestUser host = accounts.host();

		var response = list(admin, "?email=" + encode(host.email().toUpperCase(Locale.ROOT)));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(ids(response.body())).containsExactly(host.id().toString());
		assertThat(response.body().path("results").get(0).path("email").asString()).isEqualTo(host.email());

		assertThat(ids(list(admin, "?email=" + encode(Accounts.uniqueEmail("nobody"))).body())).isEmpty();
		assertThat(ids(list(admin, "?role=guest&email=" + encode(host.email())).body())).isEmpty();
	}

	@Test
	void onlyAdminsMayList() {
		assertThat(assertProblem(list(accounts.guest(), ""), 403).path("code").asString()).isEqualTo("admin_only");
		assertProblem(list(accounts.host(), "?role=host"), 403);
		assertProblem(list(null, ""), 401);
	}

	@Test
	void theLimitDefaultsTo20AndIsClampedTo100() {
		TestUser admin = accounts.admin();
		ensureAtLeastActiveUsers(101);

		var defaulted = list(admin, "");
		assertThat(defaulted.status()).as(defaulted.toString()).isEqualTo(200);
		assertThat(defaulted.body().path("results").size()).isEqualTo(20);
		assertThat(defaulted.body().path("next_cursor").isNull()).isFalse();

		var clamped = list(admin, "?limit=1000");
		assertThat(clamped.status()).as(clamped.toString()).isEqualTo(200);
		assertThat(clamped.body().path("results").size()).isEqualTo(100);
		assertThat(clamped.body().path("next_cursor").isNull()).isFalse();
	}

	@Test
	void anInvalidCursorIs400() {
		TestUser admin = accounts.admin();
		String notAUuid = Base64.getUrlEncoder().withoutPadding().encodeToString("not-a-uuid".getBytes(StandardCharsets.UTF_8));
		String twoKeys = Base64.getUrlEncoder().withoutPadding()
			.encodeToString((UUID.randomUUID() + "\u001f" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));

		for (String cursor : List.of("!!!", "abc", notAUuid, twoKeys)) {
			assertFieldErrors(list(admin, "?cursor=" + encode(cursor)), "cursor");
		}
	}

	@Test
	void invalidQueryParametersAre400() {
		TestUser admin = accounts.admin();
		JsonNode badRole = assertFieldErrors(list(admin, "?role=superuser"), "role");
		assertThat(badRole.path("errors").get(0).path("message").asString()).contains("guest", "host", "admin");
		assertFieldErrors(list(admin, "?limit=ten"), "limit");
	}

	@Test
	void pagesAreStableUnderInserts() {
		TestUser admin = accounts.admin();
		for (int i = 0; i < 4; i++) {
			accounts.host();
		}
		JsonNode first = list(admin, "?role=host&limit=2").body();
		String cursor = first.path("next_cursor").asString();

		TestUser newcomer = accounts.host();
		JsonNode second = list(admin, "?role=host&limit=2&cursor=" + encode(cursor)).body();

		assertThat(ids(second)).hasSize(2).doesNotContainAnyElementsOf(ids(first))
			.doesNotContain(newcomer.id().toString());
		assertThat(ids(second).getFirst()).isLessThan(ids(first).getLast());
		assertThat(ids(list(admin, "?role=host&limit=2").body()).getFirst()).isEqualTo(newcomer.id().toString());
	}

	@Test
	void aUserDeletesItself() {
		TestUser guest = accounts.guest();
		TestUser admin = accounts.admin();

		var response = api.delete("/api/v1/users/" + guest.id()).as(guest).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(204);
		assertThat(response.text()).isEmpty();

		assertProblem(api.post("/api/v1/auth/token", Map.of("email", guest.email(), "password", guest.password()))
			.send(), 401);
		assertProblem(api.get("/api/v1/users/me").as(guest).send(), 401);
		assertProblem(api.post("/api/v1/auth/refresh", Map.of("refresh_token", guest.refreshToken())).send(), 401);
		assertProblem(api.get("/api/v1/users/" + guest.id()).send(), 404);
		assertProblem(api.get("/api/v1/users/" + guest.id()).as(admin).send(), 404);
		assertThat(ids(list(admin, "?email=" + encode(guest.email())).body())).isEmpty();
	}

	@Test
	void anAdminDeletesAnotherUser() {
		TestUser admin = accounts.admin();
		TestUser host = accounts.host();

		assertThat(api.delete("/api/v1/users/" + host.id()).as(admin).send().status()).isEqualTo(204);

		assertProblem(api.get("/api/v1/users/" + host.id()).as(admin).send(), 404);
		assertProblem(api.get("/api/v1/users/me").as(host).send(), 401);
		assertProblem(api.delete("/api/v1/users/" + host.id()).as(admin).send(), 404);
		assertThat(api.get("/api/v1/users/me").as(admin).send().status()).isEqualTo(200);
	}

	@Test
	void aUserCannotDeleteAnother() {
		TestUser guest = accounts.guest();
		TestUser host = accounts.host();

		assertThat(assertProblem(api.delete("/api/v1/users/" + host.id()).as(guest).send(), 403).path("code")
			.asString()).isEqualTo("not_your_account");
		assertProblem(api.delete("/api/v1/users/" + guest.id()).as(host).send(), 403);

		assertThat(api.get("/api/v1/users/me").as(host).send().status()).isEqualTo(200);
		assertThat(api.get("/api/v1/users/me").as(guest).send().status()).isEqualTo(200);
	}

	@Test
	void deletingAnUnknownUserIs404() {
		UUID unknown = UUID.fromString("01900000-0000-7000-8000-000000000001");
		assertProblem(api.delete("/api/v1/users/" + unknown).as(accounts.admin()).send(), 404);
		assertProblem(api.delete("/api/v1/users/" + unknown).as(accounts.guest()).send(), 404);
		assertFieldErrors(api.delete("/api/v1/users/not-a-uuid").as(accounts.admin()).send(), "id");
	}

	@Test
	void deletingNeedsAToken() {
		TestUser guest = accounts.guest();
		assertProblem(api.delete("/api/v1/users/" + guest.id()).send(), 401);
		assertThat(api.get("/api/v1/users/me").as(guest).send().status()).isEqualTo(200);
	}

	@Test
	void theEmailOfADeletedAccountCanBeRegisteredAgain() {
		TestUser guest = accounts.guest();
		assertThat(api.delete("/api/v1/users/" + guest.id()).as(guest).send().status()).isEqualTo(204);

		var again = api.post("/api/v1/users", Map.of("first_name", "Second", "last_name", "Life", "email",
				guest.email(), "password", "another password"))
			.send();
		assertThat(again.status()).as(again.toString()).isEqualTo(201);
		assertThat(again.body().path("id").asString()).isNotEqualTo(guest.id().toString());

		TestUser reborn = accounts.login(guest.email(), "another password");
		assertThat(reborn.id()).isNotEqualTo(guest.id());
		assertProblem(api.get("/api/v1/users/" + guest.id()).send(), 404);
	}

	/**
	 * Clamping shows only with more than 100 accounts. The shortfall is made up with inert rows written directly
	 * (registering a hundred accounts over HTTP means a hundred slow password hashes); they cannot log in.
	 */
	private void ensureAtLeastActiveUsers(int wanted) {
		Integer active = jdbc.queryForObject("select count(*) from users where deleted_at is null", Integer.class);
		Timestamp now = Timestamp.from(Instant.now());
		for (int i = active; i < wanted; i++) {
			jdbc.update("insert into users (id, first_name, last_name, email, password_hash, role, created_at,"
					+ " updated_at) values (?, 'Filler', 'Row', ?, '!', 'guest', ?, ?)", Ids.newId(),
					Accounts.uniqueEmail("filler"), now, now);
		}
	}
}
