package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.GraphQlSocket;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Explicit typing of access tokens (RFC 9068 §2.1, RFC 8725 §3.11): the service's access tokens carry the header
 * {@code typ: at+jwt} and the audience {@code staybook-api}, and a JWT signed with the service's own key that lacks
 * either is no access token, on every way in (REST, GraphQL over HTTP and server-sent events, GraphQL's WebSocket).
 * The tokens are forged with the service's own {@link JwtEncoder}, so that they differ from a real one in the one
 * respect under test.
 */
@IntegrationTest
class AccessTokenTypingIntegrationTests {

	private static final String CHALLENGE = "Bearer realm=\"staybook\", error=\"invalid_token\"";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	JwtEncoder encoder;

	@Autowired
	Listings listings;

	@LocalServerPort
	int port;

	@Test
	void issuedAccessTokensAreTypedAtJwtAndNameTheApiAsTheirAudience() {
		TestUser guest = accounts.guest();
		JsonNode header = part(guest.accessToken(), 0);
		JsonNode claims = part(guest.accessToken(), 1);

		assertThat(header.path("typ").asString()).isEqualTo("at+jwt");
		assertThat(header.path("alg").asString()).isEqualTo("HS256");
		JsonNode audience = claims.path("aud");
		assertThat(audience.isArray() ? audience.get(0).asString() : audience.asString()).isEqualTo("staybook-api");
		assertThat(claims.path("jti").asString()).as("a token id (RFC 9068 §2.2)").isNotBlank();
		assertThat(part(accounts.guest().accessToken(), 1).path("jti").asString())
			.isNotEqualTo(claims.path("jti").asString());
	}

	@Test
	void aTokenForgedAsTheServiceIssuesThemIsAccepted() {
		TestUser guest = accounts.guest();

		// the control for the refusals below: the forging itself is right
		assertThat(me(forge(guest, "at+jwt", List.of("staybook-api"))).status()).isEqualTo(200);
		assertThat(me(forge(guest, "application/at+jwt", List.of("staybook-api"))).status()).isEqualTo(200);
		assertThat(me(forge(guest, "AT+JWT", List.of("other-api", "staybook-api"))).status()).isEqualTo(200);
	}

	@Test
	void aJwtOfTheServiceKeyThatIsNotTypedAsAnAccessTokenIsRefused() {
		TestUser guest = accounts.guest();

		for (String type : new String[] { null, "JWT", "jwt", "refresh+jwt", "application/jwt" }) {
			assertRefused(forge(guest, type, List.of("staybook-api")), "typ " + type);
		}
	}

	@Test
	void aJwtOfTheServiceKeyWithoutTheApiAmongItsAudienceIsRefused() {
		TestUser guest = accounts.guest();

		assertRefused(forge(guest, "at+jwt", null), "no aud");
		assertRefused(forge(guest, "at+jwt", List.of("staybook-ical")), "another aud");
		assertRefused(forge(guest, "at+jwt", List.of("staybook")), "the issuer as aud");
	}

	/** The identity-free reads verify the token with the same decoder, so an untyped one is a 401 there too. */
	@Test
	void anUntypedTokenIsRefusedOnReadsThatDoNotLookTheAccountUp() {
		TestUser guest = accounts.guest();
		String untyped = forge(guest, "JWT", List.of("staybook-api"));

		Api.Response response = api.get("/api/v1/properties").as(untyped).send();
		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
	}

	@Test
	void graphQlOverHttpAndServerSentEventsRefusesAnUntypedToken() {
		TestUser guest = accounts.guest();
		String untyped = forge(guest, null, List.of("staybook-api"));
		String unaddressed = forge(guest, "at+jwt", null);

		for (String token : new String[] { untyped, unaddressed }) {
			Api.Response http = api.post("/graphql", Map.of("query", "{ me { id } }")).as(token).send();
			assertThat(http.status()).as(http.toString()).isEqualTo(401);
			assertThat(http.header("WWW-Authenticate")).isEqualTo(CHALLENGE);
			Api.Response sse = api
				.post("/graphql", Map.of("query", "subscription { messageAdded(conversationId: \"x\") { id } }"))
				.header("Accept", "text/event-stream")
				.as(token)
				.send();
			assertThat(sse.status()).as(sse.toString()).isEqualTo(401);
		}
		Api.Response real = api.post("/graphql", Map.of("query", "{ me { id } }")).as(guest).send();
		assertThat(real.body().path("data").path("me").path("id").asString()).isEqualTo(guest.id().toString());
	}

	@Test
	void graphQlWebSocketRefusesAnUntypedTokenAtConnectionInit() {
		TestUser guest = accounts.guest();

		try (GraphQlSocket untyped = GraphQlSocket.open(port, forge(guest, "JWT", List.of("staybook-api")))) {
			assertThat(untyped.closeCode()).isEqualTo(4401);
		}
		try (GraphQlSocket unaddressed = GraphQlSocket.open(port, forge(guest, "at+jwt", null))) {
			assertThat(unaddressed.closeCode()).isEqualTo(4401);
		}
		try (GraphQlSocket real = GraphQlSocket.open(port, guest.accessToken())) {
			real.next("connection_ack");
		}
	}

	/**
	 * The service's other secrets are no JWTs at all: a refresh token, the mailed verification and reset tokens (the
	 * same 256-bit random form, {@code SecretTokens}) and an iCal export token are refused as bearer tokens.
	 */
	@Test
	void theServicesOtherSecretsAreNoAccessTokens() {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		String exportUrl = api.get("/api/v1/properties/" + listing + "/ical").as(host).send().body()
			.path("export_url").asString();
		String icalToken = exportUrl.substring(exportUrl.indexOf("token=") + 6);

		assertRefused(host.refreshToken(), "a refresh token");
		assertRefused(SecretTokens.newSecret(), "a mailed token's form");
		assertRefused(icalToken, "an iCal export token");
	}

	private void assertRefused(String token, String what) {
		Api.Response response = me(token);
		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).as(what).isEqualTo(CHALLENGE);
		assertThat(api.post("/api/v1/wishlists", Map.of("name", "x")).as(token).send().status()).as(what)
			.isEqualTo(401);
	}

	private Api.Response me(String token) {
		return api.get("/api/v1/users/me").as(token).send();
	}

	/** A token the service's key signs, as the service issues them but for {@code type} and {@code audience}. */
	private String forge(TestUser user, String type, List<String> audience) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer("staybook")
			.subject(user.id().toString())
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofMinutes(15)))
			.id(UUID.randomUUID().toString())
			.claim("ver", 0);
		if (audience != null) {
			claims.audience(audience);
		}
		JwsHeader.Builder header = JwsHeader.with(MacAlgorithm.HS256);
		if (type != null) {
			header.type(type);
		}
		return encoder.encode(JwtEncoderParameters.from(header.build(), claims.build())).getTokenValue();
	}

	private static JsonNode part(String token, int index) {
		byte[] json = Base64.getUrlDecoder().decode(token.split("\\.")[index]);
		return JSON.readTree(new String(json, StandardCharsets.UTF_8));
	}
}
