package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertFieldErrors;
import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.booking.ReceivedMails;
import io.staybook.booking.ReceivedMails.ReceivedMail;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.DeletionRace;
import io.staybook.test.HeldRowRace;
import io.staybook.test.JobsTest;
import io.staybook.test.Listings;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The contract's "Accounts" section over HTTP, with mails read from a real SMTP server (GreenMail): e-mail verification
 * at registration, password reset (single use, 30 minutes, the same answer and time for unknown addresses, throttled,
 * every session ended), e-mail change, and {@code require-verified-email-to-book} (on in this context).
 */
@JobsTest
@TestPropertySource(properties = "staybook.accounts.require-verified-email-to-book=true")
class AccountRecoveryIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final Pattern TOKEN = Pattern.compile("(?m)^ {4}([A-Za-z0-9_-]{43})$");

	private static final String VERIFY_SUBJECT = "Verify your email address";

	private static final String RESET_SUBJECT = "Reset your Staybook password";

	private static final String CHANGED_SUBJECT = "Your Staybook password was changed";

	private static final String CHANGE_SUBJECT = "Confirm your new Staybook email address";

	private static final String NOTICE_SUBJECT = "Your Staybook email address is about to change";

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	AccountRecovery recovery;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	// e-mail verification

	@Test
	void registrationMailsATokenThatVerifiesTheAddressOnce() {
		TestUser guest = accounts.guest();
		assertThat(me(guest).path("email_verified").asBoolean()).isFalse();

		ReceivedMail mail = awaitMail(guest.email(), VERIFY_SUBJECT);
		String token = token(mail);
		assertThat(mail.html()).contains(token);
		assertThat(storedHashes()).doesNotContain(token);

		assertThat(verify(token).status()).isEqualTo(204);
		assertThat(me(guest).path("email_verified").asBoolean()).isTrue();
		assertThat(api.get("/api/v1/users/" + guest.id()).as(guest).send().body().path("email_verified").asBoolean())
			.isTrue();

		JsonNode reused = assertProblem(verify(token), 400);
		assertThat(reused.path("code").asString()).isEqualTo("invalid_token");
	}

	@Test
	void unknownUsedAndExpiredVerificationTokensGetTheSame400() {
		TestUser guest = accounts.guest();
		String token = token(awaitMail(guest.email(), VERIFY_SUBJECT));
		JsonNode unknown = assertProblem(verify("A".repeat(43)), 400);

		clock.advance(Duration.ofHours(48).plusMinutes(1));
		JsonNode expired = assertProblem(verify(token), 400);

		assertThat(expired).isEqualTo(unknown);
		assertThat(expired.path("code").asString()).isEqualTo("invalid_token");
		assertThat(me(guest).path("email_verified").asBoolean()).isFalse();
		assertFieldErrors(api.post("/api/v1/auth/verify-email", Map.of("token", " ")).send(), "token");
		assertFieldErrors(api.post("/api/v1/auth/verify-email", Map.of()).send(), "token");
		assertProblem(api.post("/api/v1/auth/verify-email", Map.of("token", token, "extra", 1)).send(), 400);
	}

	// password reset

	@Test
	void aResetTokenSetsANewPasswordOnceAndEndsEverySession() {
		TestUser guest = accounts.guest();
		TestUser sameAccountElsewhere = accounts.login(guest.email(), guest.password());

		Api.Response accepted = requestReset(guest.email().toUpperCase());
		assertThat(accepted.status()).isEqualTo(202);
		ReceivedMail mail = awaitMail(guest.email(), RESET_SUBJECT);
		String token = token(mail);
		assertThat(mail.text()).contains("30 minutes");
		assertThat(mail.html()).contains(token);

		assertThat(confirm(token, "a brand new password").status()).isEqualTo(204);
		// the address is told, in case someone else reads it
		assertThat(awaitMail(guest.email(), CHANGED_SUBJECT).text()).contains("with a reset token", "signed out")
			.doesNotContain(token);

		// every access token stops at once, every refresh token too
		assertProblem(api.get("/api/v1/users/me").as(guest.accessToken()).send(), 401);
		assertProblem(api.get("/api/v1/users/me").as(sameAccountElsewhere.accessToken()).send(), 401);
		assertProblem(api.post("/api/v1/auth/refresh", Map.of("refresh_token", guest.refreshToken())).send(), 401);
		assertProblem(
				api.post("/api/v1/auth/refresh", Map.of("refresh_token", sameAccountElsewhere.refreshToken())).send(),
				401);
		assertProblem(login(guest.email(), guest.password()), 401);
		Api.Response loggedIn = login(guest.email(), "a brand new password");
		assertThat(loggedIn.status()).isEqualTo(200);
		// the reset showed the person reads the address's mail
		assertThat(api.get("/api/v1/users/me").as(loggedIn.body().path("access_token").asString()).send().body()
			.path("email_verified").asBoolean()).isTrue();

		JsonNode reused = assertProblem(confirm(token, "yet another password"), 400);
		assertThat(reused.path("code").asString()).isEqualTo("invalid_token");
		assertThat(login(guest.email(), "a brand new password").status()).isEqualTo(200);
	}

	/**
	 * The reset job, run for an address whose account was being deleted, made a reset token for the account once the
	 * deletion had committed (its row waited for the deletion's lock on the account's) and mailed it to the address: a
	 * mail to an account that no longer existed, which its deletion is to stop. The job now reads the account under a
	 * lock that waits for the deletion, finds it gone, and makes and mails nothing.
	 */
	@Test
	void aResetForAnAccountBeingDeletedMakesAndMailsNothing() throws Exception {
		TestUser guest = accounts.guest();

		DeletionRace.writeWhileDeleting(api, dataSource, guest, () -> {
			recovery.mailResetToken(guest.email());
			// the job has no answer of its own: an empty one stands for it
			return new Api.Response(200, java.net.http.HttpHeaders.of(Map.of(), (name, value) -> true), "");
		});

		assertThat(jdbc.sql("select count(*) from account_tokens where user_id = ? and purpose = 'password_reset'")
			.param(guest.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aResetRacingAPasswordChangeFinishesAndSoDoesTheChange() throws Exception {
		TestUser guest = accounts.guest();
		assertThat(requestReset(guest.email()).status()).isEqualTo(202);
		String token = token(awaitMail(guest.email(), RESET_SUBJECT));

		// the reset token's row held: the reset waits to use it, and the password change, which ends the reset links
		// of the old password, meets it too (the reset used to lock the token and then the account, the change the
		// account and then the token: a deadlock, and one of them a 409)
		List<Api.Response> answers = HeldRowRace.race(dataSource,
				"select 1 from account_tokens where token_hash = ? for update", SecretTokens.hash(token),
				() -> confirm(token, "a reset passphrase"),
				() -> patchMe(guest, Map.of("password", "a changed passphrase", "current_password", guest.password())));

		assertThat(answers.get(0).status()).as(answers.get(0).toString()).isEqualTo(204);
		// the reset came first: the password the change checked is no longer the account's, and it is told so (the
		// victim of a deadlock got a 409 too, but one that says nothing of the password)
		JsonNode refused = assertProblem(answers.get(1), 409);
		assertThat(refused.path("code").asString()).isEqualTo("concurrent_update");
		assertThat(refused.path("detail").asString()).contains("password was changed");
		assertThat(login(guest.email(), "a reset passphrase").status()).isEqualTo(200);
		assertProblem(api.post("/api/v1/auth/refresh", Map.of("refresh_token", guest.refreshToken())).send(), 401);
	}

	@Test
	void aPasswordChangedWithTheCurrentOneIsMailedToTheAddress() {
		TestUser guest = accounts.guest();
		assertThat(patchMe(guest, Map.of("password", "another new password", "current_password", guest.password()))
			.status()).isEqualTo(200);
		assertThat(awaitMail(guest.email(), CHANGED_SUBJECT).text()).contains("by someone who knew the old one");
		// a change refused changes nothing and mails nothing
		TestUser other = accounts.guest();
		assertProblem(patchMe(other, Map.of("password", "another new password", "current_password", "wrong password")),
				400);
		assertThat(ReceivedMails.to(other.email(), CHANGED_SUBJECT)).isEmpty();
	}

	@Test
	void aPasswordChangedWithTheCurrentOneEndsTheResetTokensMailedBefore() {
		TestUser guest = accounts.guest();
		requestReset(guest.email());
		String token = token(awaitMail(guest.email(), RESET_SUBJECT));

		assertThat(patchMe(guest, Map.of("password", "another new password", "current_password", guest.password()))
			.status()).isEqualTo(200);

		// the owner chose a new password (perhaps because someone else read that mail): the link no longer sets one
		assertThat(assertProblem(confirm(token, "the reader's password"), 400).path("code").asString())
			.isEqualTo("invalid_token");
		assertThat(login(guest.email(), "another new password").status()).isEqualTo(200);
	}

	@Test
	void anEmailChangeEndsTheLinksMailedToTheOldAddress() {
		TestUser guest = accounts.guest();
		String verifyOld = token(awaitMail(guest.email(), VERIFY_SUBJECT));
		requestReset(guest.email());
		String resetOld = token(awaitMail(guest.email(), RESET_SUBJECT));
		String newEmail = Accounts.uniqueEmail("moved");
		assertThat(patchMe(guest, Map.of("email", newEmail, "current_password", guest.password())).status())
			.isEqualTo(200);

		assertThat(verify(token(awaitMail(newEmail, CHANGE_SUBJECT))).status()).isEqualTo(204);

		// whoever reads the old mailbox now (the account moved away from it) can no longer set the account's password
		assertThat(assertProblem(confirm(resetOld, "the old mailbox's password"), 400).path("code").asString())
			.isEqualTo("invalid_token");
		assertThat(assertProblem(verify(verifyOld), 400).path("code").asString()).isEqualTo("invalid_token");
		assertThat(login(newEmail, guest.password()).status()).isEqualTo(200);
	}

	@Test
	void aResetTokenExpiresAfter30Minutes() {
		TestUser guest = accounts.guest();
		requestReset(guest.email());
		String token = token(awaitMail(guest.email(), RESET_SUBJECT));
		JsonNode unknown = assertProblem(confirm("B".repeat(43), "a brand new password"), 400);

		clock.advance(Duration.ofMinutes(30).plusSeconds(1));
		JsonNode expired = assertProblem(confirm(token, "a brand new password"), 400);

		assertThat(expired).isEqualTo(unknown);
		assertThat(expired.path("code").asString()).isEqualTo("invalid_token");
		assertThat(login(guest.email(), guest.password()).status()).isEqualTo(200);
	}

	@Test
	void aNewResetRequestEndsTheTokensMailedBefore() {
		TestUser guest = accounts.guest();
		requestReset(guest.email());
		String first = token(awaitMail(guest.email(), RESET_SUBJECT));
		requestReset(guest.email());
		await().atMost(PATIENCE).until(() -> ReceivedMails.to(guest.email(), RESET_SUBJECT).size() == 2);
		String second = ReceivedMails.to(guest.email(), RESET_SUBJECT).stream()
			.map(AccountRecoveryIntegrationTests::token)
			.filter(token -> !token.equals(first))
			.findFirst()
			.orElseThrow();

		assertThat(assertProblem(confirm(first, "a brand new password"), 400).path("code").asString())
			.isEqualTo("invalid_token");
		assertThat(confirm(second, "a brand new password").status()).isEqualTo(204);
	}

	@Test
	void theNewPasswordFollowsTheRegistrationRulesAndABadOneUsesNoToken() {
		TestUser guest = accounts.guest();
		requestReset(guest.email());
		String token = token(awaitMail(guest.email(), RESET_SUBJECT));

		assertFieldErrors(confirm(token, "short77"), "password");
		assertFieldErrors(confirm(token, "x".repeat(129)), "password");
		assertFieldErrors(api.post("/api/v1/auth/password-reset/confirm", Map.of("password", "long enough")).send(),
				"token");
		assertFieldErrors(requestReset("not an email"), "email");

		assertThat(confirm(token, "x".repeat(128)).status()).isEqualTo(204);
		assertThat(login(guest.email(), "x".repeat(128)).status()).isEqualTo(200);
	}

	@Test
	void concurrentUsesOfOneResetTokenSucceedOnce() throws Exception {
		TestUser guest = accounts.guest();
		requestReset(guest.email());
		String token = token(awaitMail(guest.email(), RESET_SUBJECT));

		List<Api.Response> answers = Concurrently.send(4, i -> confirm(token, "concurrent password " + i));

		assertThat(answers).filteredOn(answer -> answer.status() == 204).hasSize(1);
		assertThat(answers).filteredOn(answer -> answer.status() == 400).hasSize(3);
		int winner = answers.indexOf(answers.stream().filter(a -> a.status() == 204).findFirst().orElseThrow());
		assertThat(login(guest.email(), "concurrent password " + winner).status()).isEqualTo(200);
	}

	@Test
	void anUnknownEmailGetsTheSameStatusBodyAndTimeAsAKnownOne() {
		List<String> known = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			known.add(accounts.guest().email());
			unknown.add(Accounts.uniqueEmail("nobody"));
		}
		// warm both paths up
		requestReset(Accounts.uniqueEmail("warm-up"));
		List<Long> knownNanos = new ArrayList<>();
		List<Long> unknownNanos = new ArrayList<>();
		Api.Response knownAnswer = null;
		Api.Response unknownAnswer = null;
		// five a address, the per-email throttle's allowance; alternated, so that both see the same machine
		for (int round = 0; round < 5; round++) {
			for (int i = 0; i < 3; i++) {
				long start = System.nanoTime();
				knownAnswer = requestReset(known.get(i));
				knownNanos.add(System.nanoTime() - start);
				start = System.nanoTime();
				unknownAnswer = requestReset(unknown.get(i));
				unknownNanos.add(System.nanoTime() - start);
				assertThat(knownAnswer.status()).isEqualTo(202);
				assertThat(unknownAnswer.status()).isEqualTo(202);
				assertThat(unknownAnswer.text()).isEqualTo(knownAnswer.text());
				assertThat(unknownAnswer.contentType()).isEqualTo(knownAnswer.contentType());
			}
		}
		assertThat(knownAnswer.body().path("message").asString()).isNotBlank();

		long knownMedian = median(knownNanos);
		long unknownMedian = median(unknownNanos);
		String timing = "median known " + knownMedian / 1000 + " µs, unknown " + unknownMedian / 1000 + " µs";
		// the same time class: neither is slow, and neither is more than twice the other (with 5 ms for noise)
		assertThat(Math.max(knownMedian, unknownMedian)).as(timing).isLessThan(Duration.ofMillis(500).toNanos());
		assertThat(Math.max(knownMedian, unknownMedian)).as(timing)
			.isLessThan(2 * Math.min(knownMedian, unknownMedian) + Duration.ofMillis(5).toNanos());

		// no job is left behind; the unknown addresses get no mail
		await().atMost(PATIENCE).until(() -> jdbc
			.sql("select count(*) from scheduled_tasks where task_name = 'password-reset-mail'")
			.query(Long.class)
			.single() == 0);
		unknown.forEach(email -> assertThat(ReceivedMails.to(email)).isEmpty());
		// each known address gets the mail of its newest request, whose token is the one that works: each request's
		// job ends the tokens issued before (aNewResetRequestEndsTheTokensMailedBefore), so a token ended before its
		// own mail job ran is not mailed, and how many of the five mails go out depends on the order the jobs ran in
		for (String email : known) {
			await().atMost(PATIENCE)
				.until(() -> ReceivedMails.to(email, RESET_SUBJECT)
					.stream()
					.anyMatch(mail -> liveResetTokens(email).contains(SecretTokens.hash(token(mail)))));
			List<String> mailed = ReceivedMails.to(email, RESET_SUBJECT)
				.stream()
				.map(mail -> SecretTokens.hash(token(mail)))
				.toList();
			assertThat(mailed).as("reset mails to %s", email).hasSizeBetween(1, 5);
			assertThat(liveResetTokens(email)).as("usable reset tokens of %s", email).hasSize(1);
			assertThat(mailed.stream().filter(liveResetTokens(email)::contains)).hasSize(1);
		}
	}

	@Test
	void resetRequestsAreThrottledPerEmailAlikeForKnownAndUnknownAddresses() {
		String known = accounts.guest().email();
		String unknown = Accounts.uniqueEmail("nobody");
		for (int i = 0; i < 5; i++) {
			assertThat(requestReset(i % 2 == 0 ? known : known.toUpperCase()).status()).isEqualTo(202);
			assertThat(requestReset(unknown).status()).isEqualTo(202);
		}

		Api.Response knownRefused = requestReset(known);
		Api.Response unknownRefused = requestReset(unknown);

		JsonNode knownProblem = assertProblem(knownRefused, 429);
		JsonNode unknownProblem = assertProblem(unknownRefused, 429);
		assertThat(knownProblem.path("code").asString()).isEqualTo("too_many_requests");
		assertThat(unknownProblem).isEqualTo(knownProblem);
		assertThat(Long.parseLong(knownRefused.header("Retry-After"))).isPositive();
		assertThat(Long.parseLong(unknownRefused.header("Retry-After"))).isPositive();
		// another address is not held back
		assertThat(requestReset(Accounts.uniqueEmail("other")).status()).isEqualTo(202);
	}

	// e-mail change

	@Test
	void anEmailChangeTakesEffectWhenTheNewAddressIsVerified() {
		TestUser guest = accounts.guest();
		String newEmail = Accounts.uniqueEmail("moved");

		Api.Response changed = patchMe(guest, Map.of("email", newEmail, "current_password", guest.password()));

		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.body().path("email").asString()).isEqualTo(guest.email());
		ReceivedMail notice = awaitMail(guest.email(), NOTICE_SUBJECT);
		assertThat(notice.text()).contains(newEmail);
		assertThat(notice.html()).contains(newEmail);
		String token = token(awaitMail(newEmail, CHANGE_SUBJECT));
		// until then, the old address logs in
		assertThat(login(guest.email(), guest.password()).status()).isEqualTo(200);
		assertProblem(login(newEmail, guest.password()), 401);

		assertThat(verify(token).status()).isEqualTo(204);

		JsonNode me = me(guest);
		assertThat(me.path("email").asString()).isEqualTo(newEmail);
		assertThat(me.path("email_verified").asBoolean()).isTrue();
		assertThat(login(newEmail, guest.password()).status()).isEqualTo(200);
		assertProblem(login(guest.email(), guest.password()), 401);
		assertThat(assertProblem(verify(token), 400).path("code").asString()).isEqualTo("invalid_token");
	}

	@Test
	void anEmailChangeNeedsTheCurrentPasswordAsAPasswordChangeDoes() {
		TestUser guest = accounts.guest();
		String newEmail = Accounts.uniqueEmail("moved");

		JsonNode wrongForEmail = assertFieldErrors(
				patchMe(guest, Map.of("email", newEmail, "current_password", "not the password")), "current_password");
		JsonNode wrongForPassword = assertFieldErrors(
				patchMe(guest, Map.of("password", "a brand new password", "current_password", "not the password")),
				"current_password");
		assertThat(wrongForEmail).isEqualTo(wrongForPassword);
		assertFieldErrors(patchMe(guest, Map.of("email", newEmail)), "current_password");
		assertFieldErrors(patchMe(guest, Map.of("email", "not an email", "current_password", guest.password())),
				"email");

		assertThat(me(guest).path("email").asString()).isEqualTo(guest.email());
		assertThat(jdbc.sql("select count(*) from account_tokens where new_email = ?")
			.param(newEmail)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAddressTakenByAnotherAccountIsA409AtTheRequestAndAtVerification() {
		TestUser guest = accounts.guest();
		TestUser other = accounts.guest();

		JsonNode taken = assertProblem(
				patchMe(guest, Map.of("email", other.email().toUpperCase(), "current_password", guest.password())), 409);
		assertThat(taken.path("code").asString()).isEqualTo("email_taken");

		String wanted = Accounts.uniqueEmail("wanted");
		assertThat(patchMe(guest, Map.of("email", wanted, "current_password", guest.password())).status())
			.isEqualTo(200);
		String token = token(awaitMail(wanted, CHANGE_SUBJECT));
		// someone registers the address before the token comes back: the unique index decides
		assertThat(api.post("/api/v1/users", Map.of("first_name", "Quick", "last_name", "Taker", "email", wanted,
				"password", Accounts.PASSWORD)).send().status()).isEqualTo(201);

		JsonNode late = assertProblem(verify(token), 409);
		assertThat(late.path("code").asString()).isEqualTo("email_taken");
		assertThat(me(guest).path("email").asString()).isEqualTo(guest.email());
	}

	@Test
	void aPasswordResetEndsAPendingEmailChange() {
		TestUser guest = accounts.guest();
		String wanted = Accounts.uniqueEmail("hijack");
		patchMe(guest, Map.of("email", wanted, "current_password", guest.password()));
		String changeToken = token(awaitMail(wanted, CHANGE_SUBJECT));
		requestReset(guest.email());
		assertThat(confirm(token(awaitMail(guest.email(), RESET_SUBJECT)), "a brand new password").status())
			.isEqualTo(204);

		assertThat(assertProblem(verify(changeToken), 400).path("code").asString()).isEqualTo("invalid_token");
		TestUser again = accounts.login(guest.email(), "a brand new password");
		assertThat(me(again).path("email").asString()).isEqualTo(guest.email());
	}

	// booking with require-verified-email-to-book on

	@Test
	void withTheSettingOnOnlyAVerifiedGuestMayBook() {
		TestUser host = accounts.host();
		String listing = Listings.id(listings.create(host));
		TestUser guest = accounts.guest();
		LocalDate checkIn = LocalDate.now().plusDays(40);
		Map<String, Object> booking = Map.of("property_id", listing, "check_in", checkIn.toString(), "check_out",
				checkIn.plusDays(2).toString(), "guests", 1);

		JsonNode refused = assertProblem(api.post("/api/v1/bookings", booking).as(guest).send(), 403);
		assertThat(refused.path("code").asString()).isEqualTo("email_not_verified");
		assertThat(refused.path("detail").asString()).contains("verify-email");

		assertThat(verify(token(awaitMail(guest.email(), VERIFY_SUBJECT))).status()).isEqualTo(204);
		Api.Response booked = api.post("/api/v1/bookings", booking).as(guest).send();
		assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
	}

	@Test
	void theMailCatcherIsOffWithSmtpConfigured() {
		TestUser admin = accounts.admin();
		assertProblem(api.get("/api/v1/admin/mail").as(admin).send(), 404);
		assertProblem(api.get("/api/v1/admin/mail").as(accounts.guest()).send(), 403);
		// admins exist by configuration: no verification mail, verified from the start
		assertThat(me(admin).path("email_verified").asBoolean()).isTrue();
		assertThat(ReceivedMails.to(admin.email())).isEmpty();
	}

	private Api.Response verify(String token) {
		return api.post("/api/v1/auth/verify-email", Map.of("token", token)).send();
	}

	private Api.Response requestReset(String email) {
		return api.post("/api/v1/auth/password-reset", Map.of("email", email)).send();
	}

	private Api.Response confirm(String token, String password) {
		return api.post("/api/v1/auth/password-reset/confirm", Map.of("token", token, "password", password)).send();
	}

	private Api.Response login(String email, String password) {
		return api.post("/api/v1/auth/token", Map.of("email", email, "password", password)).send();
	}

	private Api.Response patchMe(TestUser user, Map<String, ?> changes) {
		return api.patch("/api/v1/users/me", new HashMap<>(changes)).as(user).send();
	}

	private JsonNode me(TestUser user) {
		Api.Response response = api.get("/api/v1/users/me").as(user).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.body();
	}

	/** The hashes of the reset tokens of the account of {@code email} that are armed and neither used nor ended. */
	private List<String> liveResetTokens(String email) {
		return jdbc.sql("select t.token_hash from account_tokens t join users u on u.id = t.user_id"
				+ " where lower(u.email) = lower(?) and t.purpose = 'password_reset' and t.used_at is null"
				+ " and t.token_hash is not null")
			.param(email)
			.query(String.class)
			.list();
	}

	private List<String> storedHashes() {
		return jdbc.sql("select token_hash from account_tokens").query(String.class).list();
	}

	private static ReceivedMail awaitMail(String to, String subjectPrefix) {
		await().atMost(PATIENCE).until(() -> !ReceivedMails.to(to, subjectPrefix).isEmpty());
		List<ReceivedMail> mails = ReceivedMails.to(to, subjectPrefix);
		assertThat(mails).as("one mail to %s", to).hasSize(1);
		return mails.getFirst();
	}

	static String token(ReceivedMail mail) {
		Matcher matcher = TOKEN.matcher(mail.text());
		assertThat(matcher.find()).as(mail.text()).isTrue();
		return matcher.group(1);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}
}
