package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.HeldRowRace;
import io.staybook.test.IntegrationTest;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sessions against the changes that end them, run at the same time: a refresh, a logout or a reused refresh token
 * meeting a password change. The two requests are ordered by a refresh token's row held from outside
 * ({@link HeldRowRace}): the first request is sent and left waiting for a lock, then the second. Whatever
 * order the service then takes its locks in, the outcome must be the same: both requests finish with their answer
 * (no deadlock), and after the password change no refresh token issued before it, or alongside it, works.
 */
@IntegrationTest
class SessionRaceIntegrationTests {

	private static final String NEW_PASSWORD = "a brand new passphrase";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	DataSource dataSource;

	private Response refresh(String refreshToken) {
		return api.post("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken)).send();
	}

	private Response logout(String refreshToken) {
		return api.post("/api/v1/auth/logout", Map.of("refresh_token", refreshToken)).send();
	}

	private Response changePassword(TestUser user, String accessToken) {
		return api.patch("/api/v1/users/me", Map.of("password", NEW_PASSWORD, "current_password", user.password()))
			.as(accessToken)
			.send();
	}

	@Test
	void aRefreshRacingAPasswordChangeLeavesNoRefreshTokenThatWorks() throws Exception {
		TestUser guest = accounts.guest();

		Response[] answers = race(guest.refreshToken(), () -> refresh(guest.refreshToken()),
				() -> changePassword(guest, guest.accessToken()));

		Response refreshed = answers[0];
		assertThat(answers[1].status()).as(answers[1].toString()).isEqualTo(200);
		assertThat(refreshed.status()).as(refreshed.toString()).isIn(200, 401);
		if (refreshed.status() == 200) {
			// the pair issued alongside the password change ends with it, like every pair issued before
			String newRefreshToken = refreshed.body().path("refresh_token").asString();
			assertProblem(refresh(newRefreshToken), 401);
			assertProblem(api.get("/api/v1/users/me").as(refreshed.body().path("access_token").asString()).send(),
					401);
		}
		assertProblem(refresh(guest.refreshToken()), 401);
		// the new password opens sessions that work
		TestUser again = accounts.login(guest.email(), NEW_PASSWORD);
		assertThat(refresh(again.refreshToken()).status()).isEqualTo(200);
	}

	@Test
	void aRefreshOverGraphQlRacingAPasswordChangeLeavesNoRefreshTokenThatWorks() throws Exception {
		TestUser guest = accounts.guest();
		String mutation = "mutation($token: String!) { refreshToken(refreshToken: $token) { refreshToken } }";

		Response[] answers = race(guest.refreshToken(),
				() -> api.post("/graphql", Map.of("query", mutation, "variables", Map.of("token", guest.refreshToken())))
					.send(),
				() -> changePassword(guest, guest.accessToken()));

		assertThat(answers[1].status()).as(answers[1].toString()).isEqualTo(200);
		assertThat(answers[0].status()).as(answers[0].toString()).isEqualTo(200);
		String issued = answers[0].body().path("data").path("refreshToken").path("refreshToken").asString("");
		if (!issued.isEmpty()) {
			assertProblem(refresh(issued), 401);
		}
		assertProblem(refresh(guest.refreshToken()), 401);
	}

	@Test
	void aLogoutRacingAPasswordChangeFinishesAndSoDoesTheChange() throws Exception {
		TestUser guest = accounts.guest();
		Response rotated = refresh(guest.refreshToken());
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
		String current = rotated.body().path("refresh_token").asString();
		String accessToken = rotated.body().path("access_token").asString();

		// the logout of the current token revokes its family, the used first token included, whose row is held
		Response[] answers = race(guest.refreshToken(), () -> logout(current),
				() -> changePassword(guest, accessToken));

		assertThat(answers[0].status()).as(answers[0].toString()).isEqualTo(204);
		assertThat(answers[1].status()).as(answers[1].toString()).isEqualTo(200);
		assertProblem(refresh(current), 401);
	}

	@Test
	void aReusedRefreshTokenRacingAPasswordChangeGets401AndTheChangeFinishes() throws Exception {
		TestUser guest = accounts.guest();
		Response rotated = refresh(guest.refreshToken());
		assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
		String current = rotated.body().path("refresh_token").asString();
		String accessToken = rotated.body().path("access_token").asString();

		// the first token again: reuse, which revokes the family, the current token included, whose row is held
		Response[] answers = race(current, () -> refresh(guest.refreshToken()),
				() -> changePassword(guest, accessToken));

		assertProblem(answers[0], 401);
		assertThat(answers[1].status()).as(answers[1].toString()).isEqualTo(200);
		assertProblem(refresh(current), 401);
	}

	@Test
	void aRefreshTokenOfAnEndedSessionGenerationIsVoidEvenIfNoRevocationReachedItsRow() throws Exception {
		TestUser guest = accounts.guest();
		assertThat(changePassword(guest, guest.accessToken()).status()).isEqualTo(200);

		// what a revocation that missed a row leaves behind: a token of the generation before the password change,
		// neither used nor revoked nor expired; and, beside it, one of the current generation
		String missed = SecretTokens.newSecret();
		String current = SecretTokens.newSecret();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		for (var token : Map.of(missed, 0, current, 1).entrySet()) {
			jdbc.sql("""
					insert into refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at,
					                            session_generation)
					values (gen_random_uuid(), ?, gen_random_uuid(), ?, now() + interval '1 day', now(), ?)""")
				.params(guest.id(), SecretTokens.hash(token.getKey()), token.getValue())
				.update();
		}

		assertProblem(refresh(missed), 401);
		assertThat(refresh(current).status()).isEqualTo(200);
	}

	/** {@link HeldRowRace#race}, holding the row of the refresh token {@code heldToken}. */
	private Response[] race(String heldToken, Callable<Response> first, Callable<Response> second) throws Exception {
		return HeldRowRace.race(dataSource, "select 1 from refresh_tokens where token_hash = ? for update",
				SecretTokens.hash(heldToken), first, second).toArray(Response[]::new);
	}
}
