package io.staybook.wishlist;

import static io.staybook.test.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.staybook.shared.Ids;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Concurrently;
import io.staybook.test.IntegrationTest;
import io.staybook.test.Listings;
import io.staybook.test.StatementRecorder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two limits under concurrent requests racing for the last place (exactly one wins, the others get a 409 problem
 * and change nothing), and a list's page read in statements that do not grow with its size.
 */
@IntegrationTest
class WishlistLimitsIntegrationTests {

	static final int RACERS = 6;

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	Listings listings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StatementRecorder recorder;

	@Autowired
	DataSource dataSource;

	String create(TestUser as, String name) {
		Api.Response created = api.post("/api/v1/wishlists", Map.of("name", name)).as(as).send();
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.body().path("id").asString();
	}

	int count(String sql, Object param) {
		return jdbc.sql(sql).param(param).query(Integer.class).single();
	}

	@Test
	void concurrentCreationsForTheHundredthListLetExactlyOneIn() throws Exception {
		TestUser guest = accounts.guest();
		Instant now = Instant.now();
		for (int i = 0; i < 99; i++) {
			jdbc.sql("insert into wishlists (id, user_id, name, created_at, updated_at) values (?, ?, ?, ?, ?)")
				.params(Ids.newId(), guest.id(), "Seeded " + i, Timestamp.from(now), Timestamp.from(now))
				.update();
		}
		List<Api.Response> answers = Concurrently.send(RACERS,
				i -> api.post("/api/v1/wishlists", Map.of("name", "Racer " + i)).as(guest).send());
		assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(1);
		answers.stream().filter(a -> a.status() != 201).forEach(refused -> {
			assertProblem(refused, 409);
			assertThat(refused.body().path("code").asString()).isEqualTo("too_many_wishlists");
		});
		assertThat(count("select count(*) from wishlists where user_id = ?", guest.id())).isEqualTo(100);
		assertProblem(api.post("/api/v1/wishlists", Map.of("name", "One more")).as(guest).send(), 409);
		// another account is not concerned
		create(accounts.guest(), "Elsewhere");
	}

	@Test
	void concurrentAddsForTheThousandthPlaceLetExactlyOneIn() throws Exception {
		TestUser guest = accounts.guest();
		TestUser host = accounts.host();
		String list = create(guest, "Nearly full");
		List<String> racing = new ArrayList<>();
		for (int i = 0; i < RACERS; i++) {
			racing.add(Listings.id(listings.create(host)));
		}
		// 999 places taken: the counter is what the limit is held by
		jdbc.sql("update wishlists set property_count = 999 where id = ?::uuid").param(list).update();
		List<Api.Response> answers = Concurrently.send(RACERS,
				i -> api.put("/api/v1/wishlists/" + list + "/properties/" + racing.get(i), null).as(guest).send());
		assertThat(answers.stream().filter(a -> a.status() == 204)).hasSize(1);
		answers.stream().filter(a -> a.status() != 204).forEach(refused -> {
			assertProblem(refused, 409);
			assertThat(refused.body().path("code").asString()).isEqualTo("wishlist_full");
		});
		assertThat(count("select property_count from wishlists where id = ?::uuid", list)).isEqualTo(1000);
		assertThat(count("select count(*) from wishlist_properties where wishlist_id = ?::uuid", list)).isEqualTo(1);
	}

	@Test
	void concurrentAddsOfOneListingAddItOnce() throws Exception {
		TestUser guest = accounts.guest();
		String list = create(guest, "Racing");
		String listing = Listings.id(listings.create(accounts.host()));
		List<Api.Response> answers = Concurrently.send(RACERS,
				i -> api.put("/api/v1/wishlists/" + list + "/properties/" + listing, null).as(guest).send());
		assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(204));
		assertThat(count("select property_count from wishlists where id = ?::uuid", list)).isEqualTo(1);
	}

	@Test
	void aPageOfListingsCostsTheSameStatementsWhateverItsSize() {
		TestUser guest = accounts.guest();
		TestUser host = accounts.host();
		String list = create(guest, "Many");
		for (int i = 0; i < 12; i++) {
			String listing = Listings.id(listings.create(host));
			assertThat(api.put("/api/v1/wishlists/" + list + "/properties/" + listing, null).as(guest).send().status())
				.isEqualTo(204);
		}
		int small = statements(guest, list, 2);
		int large = statements(guest, list, 12);
		assertThat(large).isEqualTo(small).isLessThanOrEqualTo(4);
	}

	/**
	 * The statements one page of the list costs, its listings read from PostgreSQL (cache entries tombstoned). The
	 * lookup of the token's account is not counted: it is made or not by when the node last read the account (its
	 * one-second cache, io.staybook.user.AccountStates), not by the page, and made the two pages differ by one on a
	 * slow run.
	 */
	int statements(TestUser guest, String list, int limit) {
		String tag = "wishlist-" + UUID.randomUUID();
		Api.Response page = api.get("/api/v1/wishlists/" + list + "/properties?limit=" + limit).as(guest)
			.header(StatementRecorder.HEADER, tag).send();
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.body().path("results").size()).isEqualTo(limit);
		int statements = (int) recorder.statements(tag)
			.stream()
			.filter(sql -> !StatementRecorder.accountLookup(sql))
			.count();
		recorder.clear(tag);
		return statements;
	}
	/**
	 * A list created while its owner's account is being deleted waited for the deletion and was then made, for an
	 * account that no longer exists: its lists are to go with it (api-contract.md, "Wishlists"; the README's "Removal
	 * rules"), and this one stayed. The deletion and the creation are held behind a lock on the account's row, the
	 * deletion first, and let go together.
	 */
	@Test
	void aListCreatedWhileItsAccountIsDeletedIsRefused() throws Exception {
		TestUser guest = accounts.guest();
		try (Connection blocker = dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (PreparedStatement lock = blocker.prepareStatement("select 1 from users where id = ? for update")) {
				lock.setObject(1, guest.id());
				lock.executeQuery();
			}
			CompletableFuture<Api.Response> deleted = CompletableFuture
				.supplyAsync(() -> api.delete("/api/v1/users/" + guest.id()).as(guest).send());
			awaitWaiting(1);
			CompletableFuture<Api.Response> created = CompletableFuture
				.supplyAsync(() -> api.post("/api/v1/wishlists", Map.of("name", "Late")).as(guest).send());
			awaitWaiting(2);
			blocker.rollback();
			assertThat(deleted.get(30, TimeUnit.SECONDS).status()).isEqualTo(204);
			Api.Response late = created.get(30, TimeUnit.SECONDS);
			assertThat(late.status()).as(late.toString()).isEqualTo(401);
			assertThat(late.contentType()).startsWith("application/problem+json");
		}
		assertThat(count("select count(*) from wishlists where user_id = ?", guest.id())).isZero();
	}

	/** Waits until {@code count} statements wait for a lock in this database (besides this test's own). */
	private void awaitWaiting(int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
				select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
				  and pid <> pg_backend_pid()""").query(Integer.class).single() >= count);
	}
}

