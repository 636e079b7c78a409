package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /users/me}, {@code GET /users/{id}} and {@code PATCH /users/me}: who sees what, and what may change. */
@IntegrationTest
class ProfileIntegrationTests {

	private static final List<String> FULL_VIEW = List.of("id", "first_name", "last_name", "email", "phone_number",
			"role", "created_at", "email_verified");

	private static final List<String> PUBLIC_VIEW = List.of("id", "first_name", "role", "created_at");

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	private Api.Response me(TestUser user) {
		return api.get("/api/v1/users/me").as(user).send();
	}

	private Api.Response patchMe(TestUser user, Map<String, ?> changes) {
		return api.patch("/api/v1/users/me", changes).as(user).send();
	}

	private Api.Response profile(UUID id, TestUser viewer) {
		return api.get("/api/v1/users/" + id).as(viewer == null ? null : viewer.accessToken()).send();
	}

	private static void assertFullView(Api.Response response, TestUser owner) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode body = response.body();
		assertThat(body.propertyNames()).containsExactlyInAnyOrderElementsOf(FULL_VIEW);
		assertThat(body.path("id").asString()).isEqualTo(owner.id().toString());
		assertThat(body.path("email").asString()).isEqualTo(owner.email());
		assertThat(body.path("role").asString()).isEqualTo(owner.role().json());
	}

	private static void assertPublicView(Api.Response response, TestUser owner) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode body = response.body();
		assertThat(body.propertyNames()).containsExactlyInAnyOrderElementsOf(PUBLIC_VIEW);
		assertThat(body.has("email")).isFalse();
		assertThat(body.has("last_name")).isFalse();
		assertThat(body.has("phone_number")).isFalse();
		assertThat(body.path("id").asString()).isEqualTo(owner.id().toString());
		assertThat(body.path("first_name").asString()).isEqualTo("Test");
		assertThat(body.path("role").asString()).isEqualTo(owner.role().json());
		assertThat(body.path("created_at").asString()).endsWith("Z");
		assertThat(response.text()).doesNotContain(owner.email());
	}

	@Test
	void meNeedsAToken() {
		JsonNode problem = assertProblem(api.get("/api/v1/users/me").send(), 401);
		assertThat(problem.path("code").asString()).isEqualTo("unauthorized");
	}

	@Test
	void meIsTheFullProfile() {
		TestUser host = accounts.host();
		assertFullView(me(host), host);
	}

	@Test
	void anonymousCallersSeeThePublicViewOnly() {
		TestUser host = accounts.host();
		patchMe(host, Map.of("phone_number", "+1 415 555 0101"));

		assertPublicView(profile(host.id(), null), host);
	}

	@Test
	void otherUsersSeeThePublicViewOnly() {
		TestUser guest = accounts.guest();
		TestUser host = accounts.host();
		patchMe(guest, Map.of("phone_number", "+1 415 555 0102"));

		assertPublicView(profile(guest.id(), host), guest);
		assertPublicView(profile(host.id(), guest), host);
	}

	@Test
	void selfAndAdminsSeeTheFullView() {
		TestUser guest = accounts.guest();
		TestUser admin = accounts.admin();

		assertFullView(profile(guest.id(), guest), guest);
		assertFullView(profile(guest.id(), admin), guest);
		assertThat(profile(guest.id(), guest).body()).isEqualTo(me(guest).body());
	}

	@Test
	void anUnknownIdIs404() {
		TestUser guest = accounts.guest();
		UUID unknown = UUID.fromString("01900000-0000-7000-8000-000000000000");

		assertThat(assertProblem(profile(unknown, guest), 404).path("code").asString()).isEqualTo("not_found");
		assertProblem(profile(UUID.randomUUID(), null), 404);
	}

	@Test
	void anIdThatIsNotAUuidIs400() {
		assertFieldErrors(api.get("/api/v1/users/not-a-uuid").send(), "id");
		assertFieldErrors(api.get("/api/v1/users/12345").as(accounts.guest()).send(), "id");
	}

	@Test
	void namesAndPhoneNumberChange() {
		TestUser guest = accounts.guest();
		var response = patchMe(guest, Map.of("first_name", " Ada ", "last_name", "Lovelace", "phone_number",
				"+44 20 7946 0958"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode body = response.body();
		assertThat(body.propertyNames()).containsExactlyInAnyOrderElementsOf(FULL_VIEW);
		assertThat(body.path("first_name").asString()).isEqualTo("Ada");
		assertThat(body.path("last_name").asString()).isEqualTo("Lovelace");
		assertThat(body.path("phone_number").asString()).isEqualTo("+44 20 7946 0958");
		assertThat(me(guest).body()).isEqualTo(body);
	}

	@Test
	void onlyTheFieldsSentChange() {
		TestUser guest = accounts.guest();
		patchMe(guest, Map.of("first_name", "Ada", "phone_number", "+44 20 7946 0958"));

		var response = patchMe(guest, Map.of("last_name", "Byron"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().path("first_name").asString()).isEqualTo("Ada");
		assertThat(response.body().path("last_name").asString()).isEqualTo("Byron");
		assertThat(response.body().path("phone_number").asString()).isEqualTo("+44 20 7946 0958");
		assertThat(response.body().path("email").asString()).isEqualTo(guest.email());

		var empty = patchMe(guest, Map.of());
		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.body()).isEqualTo(response.body());
	}

	@Test
	void anEmptyPhoneNumberRemovesIt() {
		TestUser guest = accounts.guest();
		assertThat(patchMe(guest, Map.of("phone_number", "+1 415 555 0103")).status()).isEqualTo(200);

		var response = patchMe(guest, Map.of("phone_number", ""));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.body().has("phone_number")).isTrue();
		assertThat(response.body().path("phone_number").isNull()).isTrue();
		assertThat(me(guest).body().path("phone_number").isNull()).isTrue();
	}

	@Test
	void invalidChangesAreNamed() {
		TestUser guest = accounts.guest();
		assertFieldErrors(patchMe(guest, Map.of("first_name", "   ")), "first_name");
		assertFieldErrors(patchMe(guest, Map.of("first_name", "")), "first_name");
		assertFieldErrors(patchMe(guest, Map.of("last_name", "x".repeat(101))), "last_name");
		assertFieldErrors(patchMe(guest, Map.of("phone_number", "call me")), "phone_number");
		assertFieldErrors(patchMe(guest, Map.of("password", "short", "current_password", guest.password())),
				"password");
		assertFieldErrors(patchMe(guest, Map.of("first_name", 42)), "first_name");

		// nothing of it was applied
		assertThat(me(guest).body().path("first_name").asString()).isEqualTo("Test");
	}

	@Test
	void anUnknownFieldIsRefused() {
		TestUser guest = accounts.guest();
		// email is a field since v1.1 ("Accounts"), but only with current_password, and only once verified
		assertFieldErrors(patchMe(guest, Map.of("email", "new@example.com")), "current_password");
		assertFieldErrors(patchMe(guest, Map.of("nickname", "Ada")), "nickname");
		assertThat(me(guest).body().path("email").asString()).isEqualTo(guest.email());
	}

	@Test
	void patchNeedsAToken() {
		assertProblem(api.patch("/api/v1/users/me", Map.of("first_name", "Ada")).send(), 401);
	}

	@Test
	void aPasswordChangeNeedsTheCurrentPassword() {
		TestUser guest = accounts.guest();
		var response = patchMe(guest, Map.of("password", "a brand new password"));

		assertFieldErrors(response, "current_password");
		accounts.login(guest.email(), guest.password());
	}

	@Test
	void aWrongCurrentPasswordIsRefused() {
		TestUser guest = accounts.guest();
		var response = patchMe(guest, Map.of("password", "a brand new password", "current_password", "not it at all"));

		assertFieldErrors(response, "current_password");
		accounts.login(guest.email(), guest.password());
		assertProblem(api.post("/api/v1/auth/token",
				Map.of("email", guest.email(), "password", "a brand new password")).send(), 401);
	}

	@Test
	void theRightCurrentPasswordChangesIt() {
		TestUser guest = accounts.guest();
		var response = patchMe(guest, Map.of("password", "a brand new password", "current_password", guest.password()));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.text()).doesNotContain("password");
		accounts.login(guest.email(), "a brand new password");
		assertProblem(api.post("/api/v1/auth/token", Map.of("email", guest.email(), "password", guest.password()))
			.send(), 401);
	}

	@Test
	void aGuestBecomesAHostAndActsAsOneAtOnce() {
		TestUser guest = accounts.guest();
		var response = patchMe(guest, Map.of("role", "host"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.body().path("role").asString()).isEqualTo("host");
		// the access token issued while a guest now acts for a host
		assertThat(me(guest).body().path("role").asString()).isEqualTo("host");
		assertThat(profile(guest.id(), null).body().path("role").asString()).isEqualTo("host");
		// and staying a host is no change
		assertThat(patchMe(guest, Map.of("role", "host")).status()).isEqualTo(200);
	}

	@Test
	void aHostCannotBecomeAGuest() {
		TestUser host = accounts.host();

		assertProblem(patchMe(host, Map.of("role", "guest")), 403);
		assertThat(me(host).body().path("role").asString()).isEqualTo("host");
	}

	@Test
	void nobodyBecomesAnAdmin() {
		TestUser guest = accounts.guest();
		TestUser host = accounts.host();

		assertProblem(patchMe(guest, Map.of("role", "admin")), 403);
		assertProblem(patchMe(host, Map.of("role", "admin")), 403);
		assertThat(me(guest).body().path("role").asString()).isEqualTo("guest");
		assertThat(me(host).body().path("role").asString()).isEqualTo("host");
	}

	@Test
	void anAdminCannotStepDown() {
		TestUser admin = accounts.admin();

		assertProblem(patchMe(admin, Map.of("role", "host")), 403);
		assertProblem(patchMe(admin, Map.of("role", "guest")), 403);
		assertThat(me(admin).body().path("role").asString()).isEqualTo("admin");
	}

	@Test
	void aRefusedRoleChangeChangesNothingElse() {
		TestUser host = accounts.host();
		Map<String, Object> changes = new HashMap<>();
		changes.put("first_name", "Changed");
		changes.put("role", "guest");

		assertProblem(patchMe(host, changes), 403);
		assertThat(me(host).body().path("first_name").asString()).isEqualTo("Test");
	}

	@Test
	void anUnknownRoleIs400() {
		assertFieldErrors(patchMe(accounts.guest(), Map.of("role", "owner")), "role");
	}
}
