package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StatementRecorder;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A bearer token on a read that shows the same to everyone (listings, reviews) is verified but its account is not
 * looked up (issue 12, item 2; {@code SecurityConfig.IDENTITY_FREE_READS}); wherever identity is used, a revoked token
 * is still refused at once, and a forged one is refused everywhere.
 */
@IntegrationTest
class PublicReadTokensIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	StatementRecorder recorder;

	@Autowired
	AccountStates accountStates;

	TestUser guest;

	String listing;

	@BeforeEach
	void listing() {
		guest = accounts.guest();
		listing = "/api/v1/properties/" + Listings.id(listings.create(accounts.host()));
		// cached, so that the read itself needs no database
		assertThat(api.get(listing).send().status()).isEqualTo(200);
	}

	/** The statements a request made, with this node's short-lived copy of the caller's account dropped first. */
	private int statements(Api.Call call) {
		accountStates.changed(guest.id());
		String tag = UUID.randomUUID().toString();
		Api.Response response = call.header(StatementRecorder.HEADER, tag).send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		int count = recorder.statements(tag).size() + (int) recorder.connections(tag);
		recorder.clear(tag);
		return count;
	}

	@Test
	void aPublicReadWithATokenDoesNotLookTheAccountUp() {
		assertThat(statements(api.get(listing).as(guest.accessToken())))
			.as("statements and connections of a cached listing read with a token")
			.isZero();
		assertThat(statements(api.get("/api/v1/users/me").as(guest.accessToken())))
			.as("where identity is used, the account is read")
			.isPositive();
	}

	/**
	 * A bearer token's account lookup reads the role and token version, nothing more: through Hibernate it loaded the
	 * whole row, the password hash included, on every authenticated request the one-second cache missed.
	 */
	@Test
	void theAccountLookupReadsNoPasswordHash() {
		accountStates.changed(guest.id());
		String tag = UUID.randomUUID().toString();
		Api.Response response = api.get("/api/v1/bookings").as(guest.accessToken())
			.header(StatementRecorder.HEADER, tag)
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<String> lookups = recorder.statements(tag).stream().filter(StatementRecorder::accountLookup).toList();
		recorder.clear(tag);
		assertThat(lookups).hasSize(1);
		assertThat(lookups.getFirst()).doesNotContain("password_hash").doesNotContain("*");
	}

	@Test
	void aRevokedTokenIsRefusedWhereIdentityIsUsedAndReadsListingsAsAnonymous() {
		String revoked = guest.accessToken();
		Map<String, String> newPassword = Map.of("password", "a brand new passphrase", "current_password",
				guest.password());
		Api.Response changed = api.patch("/api/v1/users/me", newPassword).as(revoked).send();
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

		assertThat(api.get("/api/v1/users/me").as(revoked).send().status()).isEqualTo(401);
		assertThat(api.get("/api/v1/users/" + guest.id()).as(revoked).send().status())
			.as("a public read that shows its owner more still checks the token")
			.isEqualTo(401);
		assertThat(api.get("/api/v1/bookings").as(revoked).send().status()).isEqualTo(401);
		assertThat(api.post("/api/v1/reviews", Map.of()).as(revoked).send().status()).isEqualTo(401);

		Api.Response read = api.get(listing).as(revoked).send();
		assertThat(read.status()).as("what anyone may read, as anonymous").isEqualTo(200);
		assertThat(read.text()).isEqualTo(api.get(listing).send().text());
		String from = java.time.LocalDate.now().plusDays(1).toString();
		String to = java.time.LocalDate.now().plusDays(30).toString();
		assertThat(api.get(listing + "/availability?from=" + from + "&to=" + to).as(revoked).send().status())
			.as("the listing's availability, as anonymous").isEqualTo(200);
	}

	@Test
	void aForgedTokenIsRefusedOnPublicReadsToo() {
		String token = guest.accessToken();
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLW9mLW5vYm9keQ";

		assertThat(api.get(listing).as(forged).send().status()).isEqualTo(401);
		assertThat(api.get(listing).as("not-a-token").send().status()).isEqualTo(401);
		assertThat(api.get("/api/v1/reviews").as(forged).send().status()).isEqualTo(401);
	}
}
