package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertNoLeak;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

/** The user operations of the GraphQL API, per role: me, user, register, login, refreshToken, updateMe. */
@IntegrationTest
class UserGraphQlIntegrationTests {

	static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	static final String USER_FIELDS = "id firstName lastName email phoneNumber role createdAt";

	static final String ME = "{ me { " + USER_FIELDS + " } }";

	static final String USER = "query($id: ID!) { user(id: $id) { " + USER_FIELDS + " } }";

	static final String REGISTER = "mutation($input: RegisterInput!) { register(input: $input) { " + USER_FIELDS
			+ " } }";

	static final String LOGIN = """
			mutation($email: String!, $password: String!) {
			  login(input: {email: $email, password: $password}) { accessToken refreshToken tokenType expiresIn }
			}""";

	static final String REFRESH = """
			mutation($token: String!) {
			  refreshToken(refreshToken: $token) { accessToken refreshToken tokenType expiresIn }
			}""";

	static final String UPDATE_ME = "mutation($input: UpdateMeInput!) { updateMe(input: $input) { " + USER_FIELDS
			+ " } }";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	GraphQlTesters graphQl;

	@BeforeEach
	void setUp() {
		graphQl = new GraphQlTesters(port);
	}

	// me

	@Test
	void meNeedsAToken() {
		assertRefused(graphQl.anonymous().document(ME).execute(), "me", "UNAUTHORIZED", "unauthorized");
	}

	@Test
	void meIsTheCallersFullProfile() {
		TestUser guest = accounts.guest();

		Map<String, Object> me = graphQl.as(guest).document(ME).execute().path("me").entity(MAP).get();

		assertThat(me).containsEntry("id", guest.id().toString())
			.containsEntry("firstName", "Test")
			.containsEntry("lastName", "guest")
			.containsEntry("email", guest.email())
			.containsEntry("role", "GUEST");
		assertThat(Instant.parse((String) me.get("createdAt"))).isBefore(Instant.now().plusSeconds(5));
	}

	@Test
	void theTokenOfRestLoginsIsTheTokenOfGraphQlAndABadOneIsRefusedBeforeAnythingRuns() {
		TestUser host = accounts.host();
		graphQl.as(host.accessToken()).document(ME).execute().path("me.role").entity(String.class).isEqualTo("HOST");

		var exchange = graphQl.post(ME, Map.of("Authorization", "Bearer not-a-token"));

		assertThat(exchange.status()).as(exchange.toString()).isEqualTo(401);
		assertNoLeak(exchange.body());
	}

	// user(id)

	@Test
	void othersAndAnonymousCallersSeeThePublicProfile() {
		TestUser host = accounts.host();
		for (GraphQlTester viewer : new GraphQlTester[] { graphQl.anonymous(), graphQl.as(accounts.guest()) }) {
			Map<String, Object> user = viewer.document(USER).variable("id", host.id()).execute().path("user")
				.entity(MAP).get();
			assertThat(user).containsEntry("id", host.id().toString())
				.containsEntry("firstName", "Test")
				.containsEntry("role", "HOST")
				.containsEntry("lastName", null)
				.containsEntry("email", null)
				.containsEntry("phoneNumber", null);
			assertThat(user.get("createdAt")).isNotNull();
		}
	}

	@Test
	void theUserThemselvesAndAdminsSeeTheFullProfile() {
		TestUser host = accounts.host();
		for (TestUser viewer : new TestUser[] { host, accounts.admin() }) {
			graphQl.as(viewer).document(USER).variable("id", host.id()).execute().path("user").entity(MAP)
				.satisfies(user -> assertThat(user).containsEntry("lastName", "host")
					.containsEntry("email", host.email()));
		}
	}

	@Test
	void anUnknownUserIsNotFound() {
		var response = graphQl.anonymous().document(USER).variable("id", UUID.randomUUID()).execute();

		assertRefused(response, "user", "NOT_FOUND", "not_found");
		response.path("user").valueIsNull();
	}

	@Test
	void aMalformedIdIsABadRequestNamingIt() {
		var response = graphQl.anonymous().document(USER).variable("id", "not-a-uuid").execute();

		assertInvalid(response, "user", "id");
	}

	// register

	@Test
	void anyoneRegistersAsAGuestByDefaultOrAsAHost() {
		String email = Accounts.uniqueEmail("gql");
		Map<String, Object> guest = graphQl.anonymous()
			.document(REGISTER)
			.variable("input", registration(email, Map.of()))
			.execute()
			.path("register")
			.entity(MAP)
			.get();
		assertThat(guest).containsEntry("email", email).containsEntry("firstName", "Grace")
			.containsEntry("lastName", "Hopper").containsEntry("role", "GUEST");
		assertThat(UUID.fromString((String) guest.get("id")).version()).isEqualTo(7);

		String hostEmail = Accounts.uniqueEmail("gql");
		graphQl.anonymous()
			.document(REGISTER)
			.variable("input", registration(hostEmail, Map.of("role", "HOST")))
			.execute()
			.path("register.role")
			.entity(String.class)
			.isEqualTo("HOST");

		graphQl.anonymous()
			.document(LOGIN)
			.variable("email", hostEmail)
			.variable("password", Accounts.PASSWORD)
			.execute()
			.path("login.tokenType")
			.entity(String.class)
			.isEqualTo("Bearer");
	}

	@Test
	void anInvalidRegistrationNamesEveryBadField() {
		var response = graphQl.anonymous()
			.document(REGISTER)
			.variable("input", registration("not-an-email",
					Map.of("firstName", " ", "password", "short", "phoneNumber", "call me")))
			.execute();

		assertInvalid(response, "register", "firstName", "email", "password", "phoneNumber");
	}

	@Test
	void aTakenEmailIsAConflictWhateverItsCase() {
		TestUser guest = accounts.guest();

		var response = graphQl.anonymous()
			.document(REGISTER)
			.variable("input", registration(guest.email().toUpperCase(), Map.of()))
			.execute();

		assertRefused(response, "register", "CONFLICT", "email_taken");
	}

	@Test
	void nobodyRegistersAsAnAdmin() {
		var response = graphQl.anonymous()
			.document(REGISTER)
			.variable("input", registration(Accounts.uniqueEmail("gql"), Map.of("role", "ADMIN")))
			.execute();

		assertInvalid(response, "register", "role");
	}

	// login and refreshToken

	@Test
	void loginGivesATokenPairThatWorks() {
		TestUser guest = accounts.guest();

		Map<String, Object> pair = login(guest.email(), Accounts.PASSWORD).path("login").entity(MAP).get();

		assertThat(pair).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 900);
		assertThat((String) pair.get("refreshToken")).isNotBlank();
		graphQl.as((String) pair.get("accessToken")).document(ME).execute().path("me.id").entity(String.class)
			.isEqualTo(guest.id().toString());
	}

	@Test
	void aWrongPasswordAndAnUnknownEmailAreTheSameUnauthorized() {
		TestUser guest = accounts.guest();

		var wrongPassword = login(guest.email(), "not the password");
		var unknownEmail = login(Accounts.uniqueEmail("nobody"), Accounts.PASSWORD);

		var first = assertRefused(wrongPassword, "login", "UNAUTHORIZED", "invalid_credentials");
		var second = assertRefused(unknownEmail, "login", "UNAUTHORIZED", "invalid_credentials");
		assertThat(second.getMessage()).isEqualTo(first.getMessage());
	}

	@Test
	void aRefreshTokenIsUsedOnceAndItsReuseRevokesTheFamily() {
		TestUser guest = accounts.guest();

		Map<String, Object> rotated = refresh(guest.refreshToken()).path("refreshToken").entity(MAP).get();
		assertThat(rotated.get("refreshToken")).isNotEqualTo(guest.refreshToken());
		graphQl.as((String) rotated.get("accessToken")).document(ME).execute().path("me.id").entity(String.class)
			.isEqualTo(guest.id().toString());

		assertRefused(refresh(guest.refreshToken()), "refreshToken", "UNAUTHORIZED", null);
		// the reuse revoked the whole family, the token it was rotated into included
		assertRefused(refresh((String) rotated.get("refreshToken")), "refreshToken", "UNAUTHORIZED", null);
	}

	@Test
	void anUnknownRefreshTokenIsUnauthorized() {
		assertRefused(refresh("no-such-token"), "refreshToken", "UNAUTHORIZED", null);
	}

	// updateMe

	@Test
	void updateMeChangesOnlyTheFieldsGiven() {
		TestUser guest = accounts.guest();

		Map<String, Object> me = updateMe(guest, Map.of("firstName", " Ada ", "phoneNumber", "+44 20 7946 0958"))
			.path("updateMe")
			.entity(MAP)
			.get();

		assertThat(me).containsEntry("firstName", "Ada")
			.containsEntry("lastName", "guest")
			.containsEntry("phoneNumber", "+44 20 7946 0958")
			.containsEntry("email", guest.email())
			.containsEntry("role", "GUEST");
		graphQl.as(guest).document(ME).execute().path("me.firstName").entity(String.class).isEqualTo("Ada");
	}

	@Test
	void aGuestBecomesAHostButAHostNeverAGuest() {
		TestUser guest = accounts.guest();

		updateMe(guest, Map.of("role", "HOST")).path("updateMe.role").entity(String.class).isEqualTo("HOST");
		graphQl.as(guest).document(ME).execute().path("me.role").entity(String.class).isEqualTo("HOST");

		assertRefused(updateMe(guest, Map.of("role", "GUEST")), "updateMe", "FORBIDDEN", "role_change_refused");
		assertRefused(updateMe(accounts.host(), Map.of("role", "GUEST")), "updateMe", "FORBIDDEN",
				"role_change_refused");
	}

	@Test
	void updateMeNeedsAToken() {
		var response = graphQl.anonymous()
			.document(UPDATE_ME)
			.variable("input", Map.of("firstName", "Eve"))
			.execute();

		assertRefused(response, "updateMe", "UNAUTHORIZED", "unauthorized");
	}

	@Test
	void anInvalidChangeNamesItsFields() {
		TestUser guest = accounts.guest();

		assertInvalid(updateMe(guest, Map.of("firstName", "  ", "phoneNumber", "call me")), "updateMe", "firstName",
				"phoneNumber");
		// GraphQL names the input's fields as the schema does, not as the REST body does
		assertInvalid(updateMe(guest, Map.of("password", "a new password")), "updateMe", "currentPassword");
		assertInvalid(updateMe(guest, Map.of("password", "a new password", "currentPassword", "wrong password")),
				"updateMe", "currentPassword");
	}

	@Test
	void aNullNameIsRefusedAndANullPhoneNumberClearsIt() {
		TestUser guest = accounts.guest();
		updateMe(guest, Map.of("phoneNumber", "+44 20 7946 0958")).path("updateMe.phoneNumber").hasValue();
		Map<String, Object> nullName = new HashMap<>();
		nullName.put("firstName", null);
		nullName.put("lastName", "Changed");

		assertInvalid(updateMe(guest, nullName), "updateMe", "firstName");
		graphQl.as(guest).document(ME).execute().path("me.lastName").entity(String.class).isEqualTo("guest");

		Map<String, Object> nullPhone = new HashMap<>();
		nullPhone.put("phoneNumber", null);
		updateMe(guest, nullPhone).path("updateMe.phoneNumber").valueIsNull();
		graphQl.as(guest).document(ME).execute().path("me.phoneNumber").valueIsNull();
	}

	@Test
	void aNewPasswordWithTheCurrentOneWorks() {
		TestUser guest = accounts.guest();

		updateMe(guest, Map.of("password", "a brand new password", "currentPassword", Accounts.PASSWORD))
			.path("updateMe.id")
			.entity(String.class)
			.isEqualTo(guest.id().toString());

		assertRefused(login(guest.email(), Accounts.PASSWORD), "login", "UNAUTHORIZED", "invalid_credentials");
		login(guest.email(), "a brand new password").path("login.accessToken").hasValue();
	}

	private GraphQlTester.Response login(String email, String password) {
		return graphQl.anonymous().document(LOGIN).variable("email", email).variable("password", password).execute();
	}

	private GraphQlTester.Response refresh(String token) {
		return graphQl.anonymous().document(REFRESH).variable("token", token).execute();
	}

	private GraphQlTester.Response updateMe(TestUser user, Map<String, Object> input) {
		return graphQl.as(user).document(UPDATE_ME).variable("input", input).execute();
	}

	private static Map<String, Object> registration(String email, Map<String, Object> overrides) {
		Map<String, Object> input = new HashMap<>(Map.of("firstName", "Grace", "lastName", "Hopper", "email", email,
				"password", Accounts.PASSWORD));
		input.putAll(overrides);
		return input;
	}
}
