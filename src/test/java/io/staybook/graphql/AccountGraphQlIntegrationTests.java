package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.notification.MailBodies;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The GraphQL twins of the contract's "Accounts" section (verifyEmail, requestPasswordReset, confirmPasswordReset,
 * updateMe's email, User.emailVerified), in a context that runs jobs with no SMTP server and the development mail
 * catcher on, as the zero-setup run has it: the tests read their mails where a newcomer would, at
 * {@code GET /api/v1/admin/mail} (which hides their tokens) and in the inbox directory's {@code .eml} files (which
 * hold them).
 */
@IntegrationTest
@TestPropertySource(properties = { "staybook.jobs.run=true", "staybook.jobs.first-retry-delay=200ms",
		"db-scheduler.polling-interval=200ms", "staybook.mail.inbox.enabled=true",
		"staybook.mail.inbox.dir=" + AccountGraphQlIntegrationTests.INBOX })
@DirtiesContext
class AccountGraphQlIntegrationTests {

	static final String INBOX = "target/test-mail-inbox";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final Pattern TOKEN = Pattern.compile("(?m)^ {4}([A-Za-z0-9_-]{43})$");

	private static final String VERIFY = "mutation($token: String!) { verifyEmail(token: $token) }";

	private static final String REQUEST_RESET = "mutation($email: String!) { requestPasswordReset(email: $email) }";

	private static final String CONFIRM_RESET = """
			mutation($token: String!, $password: String!) {
			  confirmPasswordReset(token: $token, password: $password)
			}""";

	private static final String ME = "{ me { email emailVerified } }";

	private static final String UPDATE_ME = "mutation($input: UpdateMeInput!) { updateMe(input: $input) { email emailVerified } }";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	Api api;

	GraphQlTesters graphQl;

	TestUser admin;

	@BeforeEach
	void setUp() {
		graphQl = new GraphQlTesters(port);
		admin = accounts.admin();
	}

	@Test
	void verifyEmailMarksTheAddressOnce() {
		TestUser guest = accounts.guest();
		assertThat(graphQl.as(guest).document(ME).execute().path("me.emailVerified").entity(Boolean.class).get())
			.isFalse();
		String token = token(awaitMail(guest.email(), "Verify your email address"));

		assertThat(graphQl.anonymous().document(VERIFY).variable("token", token).execute().path("verifyEmail")
			.entity(Boolean.class).get()).isTrue();

		assertThat(graphQl.as(guest).document(ME).execute().path("me.emailVerified").entity(Boolean.class).get())
			.isTrue();
		assertRefused(graphQl.anonymous().document(VERIFY).variable("token", token).execute(), "verifyEmail",
				"BAD_REQUEST", "invalid_token");
		// the public view does not tell
		graphQl.anonymous()
			.document("query($id: ID!) { user(id: $id) { emailVerified } }")
			.variable("id", guest.id().toString())
			.execute()
			.path("user.emailVerified")
			.valueIsNull();
	}

	@Test
	void aPasswordResetThroughTheCatchersMailEndsEverySession() {
		TestUser guest = accounts.guest();
		String unknown = Accounts.uniqueEmail("nobody");

		boolean knownAnswer = graphQl.anonymous().document(REQUEST_RESET).variable("email", guest.email()).execute()
			.path("requestPasswordReset").entity(Boolean.class).get();
		boolean unknownAnswer = graphQl.anonymous().document(REQUEST_RESET).variable("email", unknown).execute()
			.path("requestPasswordReset").entity(Boolean.class).get();
		assertThat(knownAnswer).isTrue();
		assertThat(unknownAnswer).isTrue();

		String token = token(awaitMail(guest.email(), "Reset your Staybook password"));
		assertRefused(graphQl.anonymous().document(CONFIRM_RESET).variable("token", token).variable("password", "short")
			.execute(), "confirmPasswordReset", "BAD_REQUEST", "validation_failed");
		assertThat(graphQl.anonymous().document(CONFIRM_RESET).variable("token", token)
			.variable("password", "a brand new password").execute().path("confirmPasswordReset")
			.entity(Boolean.class).get()).isTrue();

		// the old access token is refused at once, before any GraphQL runs
		assertThat(graphQl.post(ME, Map.of("Authorization", "Bearer " + guest.accessToken())).status()).isEqualTo(401);
		assertRefused(graphQl.anonymous().document(CONFIRM_RESET).variable("token", token)
			.variable("password", "another new password").execute(), "confirmPasswordReset", "BAD_REQUEST",
				"invalid_token");
		assertThat(accounts.login(guest.email(), "a brand new password").id()).isEqualTo(guest.id());
		assertThat(caught(unknown)).isEmpty();
	}

	@Test
	void requestPasswordResetValidatesTheAddressAsRestDoes() {
		assertInvalid(graphQl.anonymous().document(REQUEST_RESET).variable("email", "not an email").execute(),
				"requestPasswordReset", "email");
	}

	@Test
	void updateMeWithEmailNeedsTheCurrentPasswordAndWaitsForVerification() {
		TestUser guest = accounts.guest();
		String newEmail = Accounts.uniqueEmail("moved");

		assertInvalid(graphQl.as(guest).document(UPDATE_ME)
			.variable("input", Map.of("email", newEmail, "currentPassword", "wrong password")).execute(), "updateMe",
				"currentPassword");
		Map<?, ?> changed = graphQl.as(guest).document(UPDATE_ME)
			.variable("input", Map.of("email", newEmail, "currentPassword", guest.password())).execute()
			.path("updateMe").entity(Map.class).get();
		assertThat(changed.get("email")).isEqualTo(guest.email());

		String token = token(awaitMail(newEmail, "Confirm your new Staybook email address"));
		assertThat(graphQl.anonymous().document(VERIFY).variable("token", token).execute().path("verifyEmail")
			.entity(Boolean.class).get()).isTrue();
		assertThat(graphQl.as(guest).document(ME).execute().path("me.email").entity(String.class).get())
			.isEqualTo(newEmail);
	}

	@Test
	void theCatcherKeepsEmlFilesAndListsThemToAdminsOnly() throws IOException {
		TestUser guest = accounts.guest();
		api.post("/api/v1/auth/password-reset", Map.of("email", guest.email())).send();
		await().atMost(PATIENCE).until(() -> caught(guest.email()).size() == 2);

		Api.Response first = api.get("/api/v1/admin/mail?limit=1&to=" + guest.email()).as(admin).send();
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		JsonNode newest = first.body().path("results").get(0);
		assertThat(newest.path("subject").asString()).startsWith("Reset your Staybook password");
		assertThat(newest.path("to").asString()).isEqualTo(guest.email());
		assertThat(newest.path("html").asString()).contains("<code");
		assertThat(newest.path("sent_at").asString()).endsWith("Z");
		String cursor = first.body().path("next_cursor").asString();
		Api.Response second = api.get("/api/v1/admin/mail?limit=1&to=" + guest.email() + "&cursor=" + cursor)
			.as(admin).send();
		assertThat(second.body().path("results").get(0).path("subject").asString())
			.startsWith("Verify your email address");
		assertThat(second.body().path("next_cursor").isNull()).isTrue();

		assertProblem(api.get("/api/v1/admin/mail").as(guest).send(), 403);
		assertProblem(api.get("/api/v1/admin/mail").send(), 401);
		assertProblem(api.get("/api/v1/admin/mail?cursor=nonsense").as(admin).send(), 400);
		try (Stream<Path> files = Files.list(Path.of(INBOX))) {
			assertThat(files.filter(file -> file.toString().endsWith(".eml")).anyMatch(file -> {
				try {
					return Files.readString(file).contains(guest.email());
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			})).isTrue();
		}
	}

	/**
	 * The catcher's API view hides every mailed token (verification, reset, e-mail change): the demo admin's password
	 * is public (README), so a token shown there would let anyone who signs in as that admin take over any account.
	 * The {@code .eml} file keeps the mail whole, for whoever runs the service and so reads its disk.
	 */
	@Test
	void theCatchersViewHidesEveryMailedTokenWhichOnlyTheFileHolds() {
		TestUser guest = accounts.guest();
		String newEmail = Accounts.uniqueEmail("moved");
		api.post("/api/v1/auth/password-reset", Map.of("email", guest.email())).send();
		assertThat(api.patch("/api/v1/users/me", Map.of("email", newEmail, "current_password", guest.password()))
			.as(guest).send().status()).isEqualTo(200);

		for (JsonNode mail : List.of(awaitMail(guest.email(), "Verify your email address"),
				awaitMail(guest.email(), "Reset your Staybook password"),
				awaitMail(newEmail, "Confirm your new Staybook email address"))) {
			String token = token(mail);
			assertThat(mail.toString()).as(mail.path("subject").asString()).doesNotContain(token)
				.doesNotContain(token.substring(0, 20)).doesNotContain(token.substring(23));
			assertThat(mail.path("text").asString()).contains("[hidden]");
			assertThat(mail.path("html").asString()).contains("[hidden]");
		}
		// the hidden reset token is the real one: the file gave it
		String reset = token(awaitMail(guest.email(), "Reset your Staybook password"));
		assertThat(api.post("/api/v1/auth/password-reset/confirm", Map.of("token", reset, "password",
				"a brand new password")).send().status()).isEqualTo(204);
	}

	private List<JsonNode> caught(String to) {
		Api.Response response = api.get("/api/v1/admin/mail?limit=100&to=" + to).as(admin).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return List.copyOf(response.body().path("results").values());
	}

	private JsonNode awaitMail(String to, String subjectPrefix) {
		await().atMost(PATIENCE)
			.until(() -> caught(to).stream().anyMatch(mail -> mail.path("subject").asString().startsWith(subjectPrefix)));
		return caught(to).stream()
			.filter(mail -> mail.path("subject").asString().startsWith(subjectPrefix))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * The token of a caught mail, read from its {@code .eml} file in the inbox directory (the API view hides it), as
	 * the README's walkthrough reads it.
	 */
	private static String token(JsonNode mail) {
		MailBodies bodies;
		try (InputStream in = Files.newInputStream(Path.of(INBOX, mail.path("id").asString() + ".eml"))) {
			bodies = MailBodies.of(new MimeMessage(Session.getInstance(new Properties()), in));
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(ex);
		}
		Matcher matcher = TOKEN.matcher(bodies.text().replace("\r\n", "\n"));
		assertThat(matcher.find()).as(bodies.text()).isTrue();
		return matcher.group(1);
	}
}
