package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.databind.JsonNode;

/** Login, refresh-token rotation and reuse detection, logout, and which access tokens are accepted. */
@IntegrationTest
class AuthenticationIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	/** The service's own signing key, to forge tokens that differ from real ones in one respect only. */
	@Autowired
	SecretKey jwtSigningKey;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private Api.Response login(String email, String password) {
		return api.post("/api/v1/auth/token", Map.of("email", email, "password", password)).send();
	}

	private Api.Response refresh(String refreshToken) {
		return api.post("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken)).send();
	}

	private Api.Response logout(String refreshToken) {
		return api.post("/api/v1/auth/logout", Map.of("refresh_token", refreshToken)).send();
	}

	private Api.Response me(String accessToken) {
		return api.get("/api/v1/users/me").as(accessToken).send();
	}

	private static void assertTokenPair(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode body = response.body();
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("access_token", "refresh_token", "token_type",
				"expires_in");
		assertThat(body.path("access_token").asString()).isNotBlank();
		assertThat(body.path("refresh_token").asString()).isNotBlank();
		assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.path("expires_in").isIntegralNumber()).isTrue();
		assertThat(body.path("expires_in").asInt()).isEqualTo(900);
	}

	@Test
	void loginGivesABearerPairWhoseAccessTokenWorks() {
		TestUser guest = accounts.guest();
		var response = login(guest.email(), guest.password());

		assertTokenPair(response);
		String accessToken = response.body().path("access_token").asString();
		assertThat(accessToken.split("\\.")).as("a JWS").hasSize(3);
		var me = me(accessToken);
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.body().path("id").asString()).isEqualTo(guest.id().toString());
	}

	@Test
	void everyLoginOpensItsOwnSession() {
		TestUser guest = accounts.guest();
		var first = login(guest.email(), guest.password()).body();
		var second = login(guest.email(), guest.password()).body();

		assertThat(second.path("refresh_token").asString()).isNotEqualTo(first.path("refresh_token").asString());
	}

	@Test
	void theEmailIsMatchedInAnyLetterCase() {
		TestUser guest = accounts.guest();

		assertTokenPair(login(guest.email().toUpperCase(Locale.ROOT), guest.password()));
		assertTokenPair(login("  " + guest.email() + " ", guest.password()));
	}

	@Test
	void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
		TestUser guest = accounts.guest();
		var wrongPassword = login(guest.email(), "not the password");
		var unknownEmail = login(Accounts.uniqueEmail("nobody"), "not the password");

		JsonNode wrong = assertProblem(wrongPassword, 401);
		JsonNode unknown = assertProblem(unknownEmail, 401);
		assertThat(wrong).isEqualTo(unknown);
		assertThat(wrongPassword.contentType()).isEqualTo(unknownEmail.contentType());
		assertThat(wrongPassword.text()).doesNotContain(guest.email());
	}

	/**
	 * Every 401 carries a challenge, as RFC 9110 §15.5.2 requires: none did, and clients that follow it (Android's
	 * {@code HttpURLConnection} throws on a 401 without one; OkHttp's authenticator reads it) could not tell a token
	 * to refresh ({@code error="invalid_token"}, RFC 6750 §3.1) from credentials to ask for.
	 */
	@Test
	void every401CarriesABearerChallenge() {
		TestUser guest = accounts.guest();
		String realm = "Bearer realm=\"staybook\"";
		Map<String, Api.Response> plain = Map.of("no token", api.get("/api/v1/users/me").send(),
				"wrong password", login(guest.email(), "not the password"),
				"unknown refresh token", refresh("no-such-token"),
				"no token for a guest's reviews", api.get("/api/v1/reviews?guest_id=" + guest.id()).send());
		plain.forEach((what, response) -> {
			assertProblem(response, 401);
			assertThat(response.header("WWW-Authenticate")).as(what).isEqualTo(realm);
		});
		Api.Response forged = api.get("/api/v1/users/me").header("Authorization", "Bearer not.a.token").send();
		assertProblem(forged, 401);
		assertThat(forged.header("WWW-Authenticate")).isEqualTo(realm + ", error=\"invalid_token\"");
		Api.Response graphQl = api.post("/graphql", Map.of("query", "{ me { id } }"))
			.header("Authorization", "Bearer not.a.token").send();
		assertThat(graphQl.status()).isEqualTo(401);
		assertThat(graphQl.header("WWW-Authenticate")).isEqualTo(realm + ", error=\"invalid_token\"");
	}

	@Test
	void aMissingEmailOrPasswordIs400() {
		assertFieldErrors(api.post("/api/v1/auth/token", Map.of("email", "a@example.com")).send(), "password");
		assertFieldErrors(api.post("/api/v1/auth/token", Map.of("password", "whatever1")).send(), "email");
		assertFieldErrors(api.post("/api/v1/auth/token", Map.of("email", "", "password", "")).send(), "email",
				"password");
	}

	@Test
	void anEmailLongerThanAnyAccountCanHaveIs400AndKeptNowhere() {
		// an address of up to 1 MiB became the key of a login-throttle bucket, kept an hour: 200 such logins from one
		// client filled a 256 MiB heap (OutOfMemoryError, every login a 500)
		String huge = "a".repeat(300_000) + "@example.com";
		assertFieldErrors(login(huge, "not the password"), "email");
		assertFieldErrors(api.post("/api/v1/auth/password-reset", Map.of("email", huge)).send(), "email");
		JsonNode graphQl = api.post("/graphql", Map.of("query",
				"mutation($e: String!) { login(input: {email: $e, password: \"not the password\"}) { accessToken } }",
				"variables", Map.of("e", huge))).send().body();
		assertThat(graphQl.path("errors").path(0).path("extensions").path("classification").asString())
			.isEqualTo("BAD_REQUEST");
	}

	@Test
	void refreshGivesANewPairAndTheOldRefreshTokenNoLongerWorks() {
		TestUser guest = accounts.guest();
		var refreshed = refresh(guest.refreshToken());

		assertTokenPair(refreshed);
		String newRefresh = refreshed.body().path("refresh_token").asString();
		String newAccess = refreshed.body().path("access_token").asString();
		assertThat(newRefresh).isNotEqualTo(guest.refreshToken());
		assertThat(me(newAccess).status()).isEqualTo(200);
		assertThat(me(newAccess).body().path("id").asString()).isEqualTo(guest.id().toString());

		assertProblem(refresh(guest.refreshToken()), 401);
	}

	@Test
	void aRefreshTokenChainCanBeFollowed() {
		TestUser guest = accounts.guest();
		String token = guest.refreshToken();
		for (int i = 0; i < 3; i++) {
			var response = refresh(token);
			assertTokenPair(response);
			token = response.body().path("refresh_token").asString();
		}
	}

	@Test
	void presentingAUsedRefreshTokenRevokesItsWholeFamily() {
		TestUser guest = accounts.guest();
		var otherSession = login(guest.email(), guest.password()).body().path("refresh_token").asString();
		var rotated = refresh(guest.refreshToken());
		assertTokenPair(rotated);
		String newest = rotated.body().path("refresh_token").asString();

		// the first token again: someone else has it
		JsonNode reuse = assertProblem(refresh(guest.refreshToken()), 401);
		assertThat(reuse.path("code").asString()).isEqualTo("invalid_refresh_token");

		// so the token issued from it stops working too ...
		assertProblem(refresh(newest), 401);
		// ... but another session of the same account is a different family
		assertTokenPair(refresh(otherSession));
	}

	@Test
	void reuseDetectedLaterInAChainRevokesTheTokensIssuedAfterIt() {
		TestUser guest = accounts.guest();
		String first = guest.refreshToken();
		String second = refresh(first).body().path("refresh_token").asString();
		String third = refresh(second).body().path("refresh_token").asString();

		assertProblem(refresh(second), 401);
		assertProblem(refresh(third), 401);
	}

	@Test
	void concurrentUsesOfOneRefreshTokenLetOnlyOneThrough() throws Exception {
		TestUser guest = accounts.guest();
		List<Api.Response> responses = concurrently(4, () -> refresh(guest.refreshToken()));

		List<Api.Response> succeeded = responses.stream().filter(r -> r.status() == 200).toList();
		assertThat(succeeded).as(responses.toString()).hasSize(1);
		responses.stream().filter(r -> r.status() != 200).forEach(r -> assertProblem(r, 401));
		// the losers presented a used token: the winner's new token is revoked with its family
		assertProblem(refresh(succeeded.getFirst().body().path("refresh_token").asString()), 401);
	}

	@Test
	void logoutEndsTheSessionOfTheRefreshToken() {
		TestUser guest = accounts.guest();
		var response = logout(guest.refreshToken());

		assertThat(response.status()).as(response.toString()).isEqualTo(204);
		assertThat(response.text()).isEmpty();
		assertProblem(refresh(guest.refreshToken()), 401);
	}

	@Test
	void logoutWithALaterTokenOfTheFamilyEndsTheSession() {
		TestUser guest = accounts.guest();
		String newest = refresh(guest.refreshToken()).body().path("refresh_token").asString();
		String otherSession = login(guest.email(), guest.password()).body().path("refresh_token").asString();

		assertThat(logout(newest).status()).isEqualTo(204);
		assertProblem(refresh(newest), 401);
		assertTokenPair(refresh(otherSession));
	}

	@Test
	void logoutIsIdempotentAndIgnoresUnknownTokens() {
		TestUser guest = accounts.guest();
		assertThat(logout(guest.refreshToken()).status()).isEqualTo(204);
		assertThat(logout(guest.refreshToken()).status()).isEqualTo(204);
		assertThat(logout("no-such-token-" + UUID.randomUUID()).status()).isEqualTo(204);
	}

	@Test
	void aMissingRefreshTokenIs400() {
		assertFieldErrors(api.post("/api/v1/auth/refresh", Map.of()).send(), "refresh_token");
		assertFieldErrors(api.post("/api/v1/auth/logout", Map.of("refresh_token", " ")).send(), "refresh_token");
	}

	@Test
	void anUnknownRefreshTokenIs401() {
		JsonNode problem = assertProblem(refresh("no-such-token-" + UUID.randomUUID()), 401);
		assertThat(problem.path("code").asString()).isEqualTo("invalid_refresh_token");
	}

	@Test
	void anAccessTokenWithAnAlteredPayloadIsRefused() {
		TestUser guest = accounts.guest();
		TestUser admin = accounts.admin();
		String[] parts = guest.accessToken().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		String forged = payload.replace(guest.id().toString(), admin.id().toString());
		assertThat(forged).isNotEqualTo(payload);
		String tampered = parts[0] + "." + base64(forged) + "." + parts[2];

		assertProblem(me(tampered), 401);
		assertProblem(api.get("/api/v1/users").as(tampered).send(), 401);
	}

	@Test
	void anAccessTokenWithAnAlteredSignatureIsRefused() {
		TestUser guest = accounts.guest();
		String token = guest.accessToken();
		char last = token.charAt(token.length() - 2);
		String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
				+ token.charAt(token.length() - 1);

		assertProblem(me(tampered), 401);
		assertProblem(me(token + "x"), 401);
		assertProblem(me("not-a-jwt"), 401);
	}

	@Test
	void anAccessTokenSignedByAnotherKeyIsRefused() {
		TestUser guest = accounts.guest();
		byte[] otherKey = new byte[32];
		new SecureRandom().nextBytes(otherKey);

		String forged = sign(new SecretKeySpec(otherKey, "HmacSHA256"), claims(guest.id(), "staybook", Instant.now()));
		assertProblem(me(forged), 401);
	}

	@Test
	void anUnsignedAccessTokenIsRefused() {
		TestUser guest = accounts.guest();
		String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		long now = Instant.now().getEpochSecond();
		String payload = base64("{\"iss\":\"staybook\",\"sub\":\"" + guest.id() + "\",\"iat\":" + now + ",\"exp\":"
				+ (now + 900) + "}");

		assertProblem(me(header + "." + payload + "."), 401);
	}

	@Test
	void aTokenFromTheRightKeyButAnotherIssuerIsRefused() {
		TestUser guest = accounts.guest();
		String token = sign(jwtSigningKey, claims(guest.id(), "someone-else", Instant.now()));

		assertProblem(me(token), 401);
		// the same token from the right issuer is accepted: the test forges correctly
		assertThat(me(sign(jwtSigningKey, claims(guest.id(), "staybook", Instant.now()))).status()).isEqualTo(200);
	}

	@Test
	void aTokenOfAnAccountThatDoesNotExistIsRefused() {
		assertProblem(me(sign(jwtSigningKey, claims(UUID.randomUUID(), "staybook", Instant.now()))), 401);
	}

	@Test
	void anAccessTokenExpiresAfter15Minutes() {
		TestUser guest = accounts.guest();

		clock.advance(Duration.ofMinutes(14));
		assertThat(me(guest.accessToken()).status()).as("still valid after 14 minutes").isEqualTo(200);

		clock.advance(Duration.ofMinutes(2));
		JsonNode problem = assertProblem(me(guest.accessToken()), 401);
		assertThat(problem.path("code").asString()).isEqualTo("unauthorized");
	}

	@Test
	void anAccessTokenWhoseExpiryHasPassedIsRefused() {
		TestUser guest = accounts.guest();
		String expired = sign(jwtSigningKey, claims(guest.id(), "staybook", Instant.now().minus(Duration.ofHours(1))));

		assertProblem(me(expired), 401);
	}

	@Test
	void anAccessTokenWithoutExpiryIsRefused() {
		TestUser guest = accounts.guest();
		JwtClaimsSet forever = JwtClaimsSet.builder()
			.issuer("staybook")
			.audience(List.of("staybook-api"))
			.subject(guest.id().toString())
			.issuedAt(Instant.now())
			.build();

		assertProblem(me(sign(jwtSigningKey, forever)), 401);
	}

	@Test
	void aRefreshTokenIsValidFor30Days() {
		TestUser guest = accounts.guest();

		clock.advance(Duration.ofDays(30).minusMinutes(1));
		assertTokenPair(refresh(guest.refreshToken()));
	}

	@Test
	void aRefreshTokenExpiresAfter30Days() {
		TestUser guest = accounts.guest();

		clock.advance(Duration.ofDays(30).plusMinutes(1));
		JsonNode problem = assertProblem(refresh(guest.refreshToken()), 401);
		assertThat(problem.path("code").asString()).isEqualTo("invalid_refresh_token");
	}

	@Test
	void aPasswordChangeRevokesEveryRefreshToken() {
		TestUser guest = accounts.guest();
		String otherSession = login(guest.email(), guest.password()).body().path("refresh_token").asString();

		var change = api.patch("/api/v1/users/me",
				Map.of("password", "a brand new password", "current_password", guest.password()))
			.as(guest)
			.send();
		assertThat(change.status()).as(change.toString()).isEqualTo(200);

		assertProblem(refresh(guest.refreshToken()), 401);
		assertProblem(refresh(otherSession), 401);
		assertTokenPair(login(guest.email(), "a brand new password"));
	}

	/** Runs the call {@code n} times at once, released together, and returns every response. */
	static <T> List<T> concurrently(int n, Callable<T> call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
	}

	private static JwtClaimsSet claims(UUID subject, String issuer, Instant issuedAt) {
		return JwtClaimsSet.builder()
			.issuer(issuer)
			.audience(List.of("staybook-api"))
			.subject(subject.toString())
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(Duration.ofMinutes(15)))
			.claim("role", "admin")
			.build();
	}

	/** Signed as the service signs access tokens: HS256, typed {@code at+jwt} (AccessTokenTypingIntegrationTests). */
	private static String sign(SecretKey key, JwtClaimsSet claims) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(key))
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).type("at+jwt").build(), claims))
			.getTokenValue();
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}
}
