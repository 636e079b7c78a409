package io.staybook.user;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** After 5 failed logins for one email within 15 minutes, further attempts get 429 until the window passes. */
@IntegrationTest
class LoginThrottleIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	MutableClock clock;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	private Api.Response login(String email, String password) {
		return api.post("/api/v1/auth/token", Map.of("email", email, "password", password)).send();
	}

	private void fail(String email, int times) {
		for (int i = 0; i < times; i++) {
			assertProblem(login(email, "wrong password " + i), 401);
		}
	}

	/** A 429 problem with a Retry-After of whole seconds; returns those seconds. */
	private static long assertThrottled(Api.Response response) {
		JsonNode problem = assertProblem(response, 429);
		assertThat(problem.path("code").asString()).isEqualTo("too_many_login_attempts");
		String retryAfter = response.header("Retry-After");
		assertThat(retryAfter).as("Retry-After of %s", response).isNotNull().matches("[1-9][0-9]*");
		return Long.parseLong(retryAfter);
	}

	@Test
	void theSixthAttemptAfterFiveFailuresIs429EvenWithTheRightPassword() {
		TestUser guest = accounts.guest();
		fail(guest.email(), 5);

		long retryAfter = assertThrottled(login(guest.email(), guest.password()));
		assertThat(retryAfter).isBetween(1L, 15 * 60L);
		assertThrottled(login(guest.email(), "still wrong"));
	}

	@Test
	void fourFailuresDoNotBlock() {
		TestUser guest = accounts.guest();
		fail(guest.email(), 4);

		assertThat(login(guest.email(), guest.password()).status()).isEqualTo(200);
	}

	@Test
	void anotherEmailIsUnaffected() {
		TestUser blocked = accounts.guest();
		TestUser other = accounts.guest();
		fail(blocked.email(), 5);
		assertThrottled(login(blocked.email(), blocked.password()));

		assertThat(login(other.email(), other.password()).status()).isEqualTo(200);
		assertProblem(login(other.email(), "wrong password"), 401);
	}

	@Test
	void theCorrectPasswordWorksAgainAfter15Minutes() {
		TestUser guest = accounts.guest();
		fail(guest.email(), 5);
		assertThrottled(login(guest.email(), guest.password()));

		clock.advance(Duration.ofMinutes(14));
		long retryAfter = assertThrottled(login(guest.email(), guest.password()));
		assertThat(retryAfter).as("about a minute left").isBetween(1L, 61L);

		clock.advance(Duration.ofMinutes(1));
		assertThat(login(guest.email(), guest.password()).status()).isEqualTo(200);
	}

	@Test
	void onlyFailuresWithinTheLast15MinutesCount() {
		TestUser guest = accounts.guest();
		fail(guest.email(), 3);
		clock.advance(Duration.ofMinutes(10));
		fail(guest.email(), 2);
		assertThrottled(login(guest.email(), guest.password()));

		// the first three failures leave the window; two recent ones do not block
		clock.advance(Duration.ofMinutes(6));
		assertThat(login(guest.email(), guest.password()).status()).isEqualTo(200);
	}

	@Test
	void theThrottleKeyIgnoresLetterCase() {
		TestUser guest = accounts.guest();
		String upper = guest.email().toUpperCase(Locale.ROOT);
		fail(guest.email(), 2);
		fail(upper, 3);

		assertThrottled(login(guest.email(), guest.password()));
		assertThrottled(login(upper, guest.password()));
	}

	@Test
	void everySpellingThatFindsTheAccountCountsAgainstItsOneThrottle() {
		String email = Accounts.uniqueEmail("mike-info");
		assertThat(api.post("/api/v1/users", Map.of("first_name", "Mike", "last_name", "Info", "email", email,
				"password", Accounts.PASSWORD)).send().status()).isEqualTo(201);
		// PostgreSQL's lower() (the citext column) makes 'İ' (U+0130) an 'i'; Java's makes it "i̇", another key, so each
		// 'i' of an address doubled the failures allowed before the throttle
		String dotted = email.replace('i', '\u0130');
		Assumptions.assumeTrue(login(dotted, Accounts.PASSWORD).status() == 200,
				"the database's collation does not match 'İ' to 'i'");

		fail(email, 3);
		fail(dotted, 2);

		assertThrottled(login(email, Accounts.PASSWORD));
		assertThrottled(login(dotted.replaceFirst("\u0130", "i"), Accounts.PASSWORD));
	}

	@Test
	void unknownEmailsAreThrottledLikeKnownOnes() {
		String nobody = Accounts.uniqueEmail("nobody");
		fail(nobody, 5);

		assertThrottled(login(nobody, "anything at all"));
	}
}
