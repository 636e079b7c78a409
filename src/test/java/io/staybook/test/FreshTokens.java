package io.staybook.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives a test user an access token valid by the service's clock: the one it logged in with while that is still
 * valid, else a new one from logging in again. Tests that move the clock by days keep acting as their users.
 */
final class FreshTokens implements Function<Accounts.TestUser, String> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<UUID, String> renewed = new ConcurrentHashMap<>();

	private final IntSupplier port;

	private final MutableClock clock;

	FreshTokens(IntSupplier port, MutableClock clock) {
		this.port = port;
		this.clock = clock;
	}

	@Override
	public String apply(Accounts.TestUser user) {
		if (user.accessToken() == null || isValid(user.accessToken())) {
			return user.accessToken();
		}
		String current = renewed.get(user.id());
		if (current != null && isValid(current)) {
			return current;
		}
		String fresh = login(user);
		if (fresh == null) {
			return user.accessToken();
		}
		renewed.put(user.id(), fresh);
		return fresh;
	}

	/** Valid for at least another minute by the service's clock. */
	private boolean isValid(String token) {
		String[] parts = token.split("\\.");
		if (parts.length != 3) {
			return true;
		}
		try {
			JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
			if (!claims.has("exp")) {
				return true;
			}
			return clock.instant().plusSeconds(60).isBefore(Instant.ofEpochSecond(claims.get("exp").asLong()));
		}
		catch (RuntimeException notAJwt) {
			return true;
		}
	}

	private String login(Accounts.TestUser user) {
		var response = new Api(port, u -> u.accessToken())
			.post("/api/v1/auth/token", Map.of("email", user.email(), "password", user.password()))
			.send();
		return response.status() == 200 ? response.body().path("access_token").asString() : null;
	}
}
