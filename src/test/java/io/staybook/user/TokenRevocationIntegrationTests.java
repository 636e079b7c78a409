package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An access token ends with its session (issue 10, item 11): after a password change, a logout or the account's
 * deletion, the tokens issued before are refused at once, over REST and GraphQL alike, with the same 401 as an expired
 * token; tokens issued afterwards work, and refresh tokens behave as they did.
 */
@IntegrationTest
class TokenRevocationIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String NEW_PASSWORD = "a brand new passphrase";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private Api.Response me(String accessToken) {
		return api.get("/api/v1/users/me").as(accessToken).send();
	}

	/** REST: 200, or the 401 problem {@code unauthorized} that an expired or forged token gets. */
	private void assertRefused(String accessToken) {
		JsonNode problem = assertProblem(me(accessToken), 401);
		assertThat(problem.path("code").asString()).isEqualTo("unauthorized");
	}

	/** The status of {@code { me { id } }} over GraphQL with this token. */
	private int graphQlMe(String accessToken) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + accessToken)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", "{ me { id } }"))))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 200) {
			assertThat(JSON.readTree(response.body()).path("data").path("me").path("id").isString())
				.as(response.body()).isTrue();
		}
		return response.statusCode();
	}

	private Api.Response changePassword(TestUser user) {
		return api.patch("/api/v1/users/me", Map.of("password", NEW_PASSWORD, "current_password", user.password()))
			.as(user.accessToken())
			.send();
	}

	private Api.Response refresh(String refreshToken) {
		return api.post("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken)).send();
	}

	private Api.Response logout(String refreshToken) {
		return api.post("/api/v1/auth/logout", Map.of("refresh_token", refreshToken)).send();
	}

	@Test
	void aPasswordChangeEndsTheOldAccessTokenAtOnceOverRestAndGraphQl() throws Exception {
		TestUser guest = accounts.guest();
		assertThat(me(guest.accessToken()).status()).isEqualTo(200);
		assertThat(graphQlMe(guest.accessToken())).isEqualTo(200);

		var changed = changePassword(guest);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

		assertRefused(guest.accessToken());
		assertThat(graphQlMe(guest.accessToken())).isEqualTo(401);
		// as before, the refresh tokens of the old password are revoked too
		assertProblem(refresh(guest.refreshToken()), 401);

		TestUser again = accounts.login(guest.email(), NEW_PASSWORD);
		assertThat(me(again.accessToken()).status()).isEqualTo(200);
		assertThat(graphQlMe(again.accessToken())).isEqualTo(200);
		assertThat(refresh(again.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void aPasswordChangeOverGraphQlEndsTheOldAccessTokenToo() throws Exception {
		TestUser guest = accounts.guest();
		String mutation = "mutation { updateMe(input: {password: \"" + NEW_PASSWORD + "\", currentPassword: \""
				+ guest.password() + "\"}) { id } }";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + guest.accessToken())
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", mutation))))
			.build();
		HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(JSON.readTree(response.body()).path("data").path("updateMe").path("id").asString())
			.as(response.body()).isEqualTo(guest.id().toString());

		assertThat(graphQlMe(guest.accessToken())).isEqualTo(401);
		assertRefused(guest.accessToken());
	}

	@Test
	void aLogoutEndsTheAccessTokensAndTheOtherSessionsRefreshAsBefore() throws Exception {
		TestUser phone = accounts.guest();
		TestUser laptop = accounts.login(phone.email(), phone.password());

		assertThat(logout(phone.refreshToken()).status()).isEqualTo(204);

		assertRefused(phone.accessToken());
		assertThat(graphQlMe(phone.accessToken())).isEqualTo(401);
		assertProblem(refresh(phone.refreshToken()), 401);
		// the account's other session keeps its refresh token, and gets a working access token from it
		assertRefused(laptop.accessToken());
		var renewed = refresh(laptop.refreshToken());
		assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
		assertThat(me(renewed.body().path("access_token").asString()).status()).isEqualTo(200);
		// a repeated logout changes nothing more: the renewed token still works
		assertThat(logout(phone.refreshToken()).status()).isEqualTo(204);
		assertThat(me(renewed.body().path("access_token").asString()).status()).isEqualTo(200);
	}

	@Test
	void deletingOnesOwnAccountEndsItsAccessTokens() throws Exception {
		TestUser guest = accounts.guest();
		TestUser otherSession = accounts.login(guest.email(), guest.password());
		assertThat(me(otherSession.accessToken()).status()).isEqualTo(200);

		assertThat(api.delete("/api/v1/users/" + guest.id()).as(guest.accessToken()).send().status()).isEqualTo(204);

		assertRefused(guest.accessToken());
		assertRefused(otherSession.accessToken());
		assertThat(graphQlMe(otherSession.accessToken())).isEqualTo(401);
		assertProblem(refresh(otherSession.refreshToken()), 401);
	}

	@Test
	void anAdminDeletingAnAccountEndsItsAccessTokens() throws Exception {
		TestUser host = accounts.host();
		TestUser admin = accounts.admin();
		assertThat(me(host.accessToken()).status()).isEqualTo(200);

		assertThat(api.delete("/api/v1/users/" + host.id()).as(admin.accessToken()).send().status()).isEqualTo(204);

		assertRefused(host.accessToken());
		assertThat(graphQlMe(host.accessToken())).isEqualTo(401);
		assertProblem(refresh(host.refreshToken()), 401);
		assertThat(me(admin.accessToken()).status()).as("the admin's own token is untouched").isEqualTo(200);
	}

	@Test
	void aRefreshTokenUsedTwiceEndsTheAccessTokensOfItsThief() {
		TestUser guest = accounts.guest();
		var stolen = refresh(guest.refreshToken());
		assertThat(stolen.status()).isEqualTo(200);
		String thiefsAccessToken = stolen.body().path("access_token").asString();
		assertThat(me(thiefsAccessToken).status()).isEqualTo(200);

		// the rightful owner presents the same refresh token again: reuse, so the family is revoked
		assertProblem(refresh(guest.refreshToken()), 401);

		assertRefused(thiefsAccessToken);
		assertProblem(refresh(stolen.body().path("refresh_token").asString()), 401);
	}

	@Test
	void otherProfileChangesKeepTheToken() {
		TestUser guest = accounts.guest();
		var renamed = api.patch("/api/v1/users/me", Map.of("first_name", "Renamed", "role", "host"))
			.as(guest.accessToken())
			.send();
		assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);

		var me = me(guest.accessToken());
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.body().path("role").asString()).as("the new role is seen at once").isEqualTo("host");
	}
}
