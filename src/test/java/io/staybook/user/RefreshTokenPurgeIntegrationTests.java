package io.staybook.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.staybook.shared.jobs.BatchedPurge;
import io.staybook.shared.jobs.Purge;
import io.staybook.shared.security.JwtProperties;
import io.staybook.test.Accounts;
import io.staybook.test.Accounts.TestUser;
import io.staybook.test.Api;
import io.staybook.test.Api.Response;
import io.staybook.test.IntegrationTest;
import io.staybook.test.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expired refresh tokens are purged: they were never deleted ({@code RefreshTokens.deleteExpiredBefore} had no caller),
 * so the table only grew. The purge takes no account lock, so it must never wait for a token row either: every other
 * path locks the account's row first and its tokens after ({@link Sessions}), and a purge that waited for a token row
 * while holding others (a plain {@code delete ... where expires_at < ?}) closes a cycle with a reused token's
 * revocation of its family. It skips locked rows, in bounded batches ({@link BatchedPurge}).
 */
@IntegrationTest
class RefreshTokenPurgeIntegrationTests {

	@Autowired
	Api api;

	@Autowired
	Accounts accounts;

	@Autowired
	BatchedPurge purge;

	@Autowired
	List<Purge> purges;

	@Autowired
	JwtProperties jwt;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	DataSource dataSource;

	/** Kept for the refresh token lifetime past its expiry, so a replay of a used one still revokes its family. */
	@Test
	void aRefreshTokenIsPurgedOnceExpiredLongerThanItsLifetime() {
		TestUser guest = accounts.guest();
		UUID family = UUID.randomUUID();
		UUID old = token(guest.id(), family, jwt.refreshTokenTtl().plusHours(1));
		UUID recent = token(guest.id(), family, Duration.ofDays(1));

		purge.purgeAll(purges);

		assertThat(exists(old)).as("expired longer than the token lifetime").isFalse();
		assertThat(exists(recent)).as("expired a day ago: its replay is still reuse").isTrue();
		assertThat(refresh(guest.refreshToken()).status()).as("a live token").isEqualTo(200);
	}

	/**
	 * The order a reused token's revocation takes its locks in (the account's row, the reused token's, then its
	 * family's), held from outside while the purge runs: the purge finishes without waiting, skipping the held token
	 * and taking the others, and the revocation then finishes too. The next run takes the skipped row.
	 */
	@Test
	void thePurgeNeverWaitsForATokenThatARevocationHolds() throws Exception {
		TestUser guest = accounts.guest();
		UUID family = UUID.randomUUID();
		Duration aged = jwt.refreshTokenTtl().plusHours(1);
		UUID held = token(guest.id(), family, aged);
		UUID other = token(guest.id(), family, aged);
		Purge refreshTokens = refreshTokensPurge();
		HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
		try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor();
				Connection outside = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
						pool.getPassword())) {
			outside.setAutoCommit(false);
			try (Statement statement = outside.createStatement()) {
				statement.execute("set local lock_timeout = '10s'");
			}
			lock(outside, "select id from users where id = ? for no key update", guest.id());
			lock(outside, "select id from refresh_tokens where id = ? for update", held);

			Future<BatchedPurge.Result> purged = runner.submit(() -> purge.purge(refreshTokens, 100));
			BatchedPurge.Result result = purged.get(5, TimeUnit.SECONDS);

			assertThat(result.deleted()).isPositive();
			try (PreparedStatement revoke = outside
				.prepareStatement("update refresh_tokens set revoked_at = now() where family_id = ? and revoked_at is null")) {
				revoke.setObject(1, family);
				assertThat(revoke.executeUpdate()).as("the held token only: the other is gone").isEqualTo(1);
			}
			outside.commit();
		}
		assertThat(exists(other)).isFalse();
		assertThat(exists(held)).as("skipped while held").isTrue();
		purge.purge(refreshTokens, 100);
		assertThat(exists(held)).as("taken by the next run").isFalse();
	}

	/**
	 * Purges racing, over HTTP, what every session path does to an account with expired tokens: a refresh, a reused
	 * token's revocation, a logout and a password change. Every answer is the one it would be alone; none is a 5xx or a
	 * 409 from a deadlock or a lock timeout.
	 */
	@Test
	void purgesRacingTheSessionPathsDeadlockNone() throws Exception {
		for (int round = 0; round < 5; round++) {
			TestUser guest = accounts.guest();
			String used = guest.refreshToken();
			Response refreshed = refresh(used);
			assertThat(refreshed.status()).isEqualTo(200);
			String current = refreshed.body().path("refresh_token").asString();
			for (int i = 0; i < 50; i++) {
				token(guest.id(), UUID.randomUUID(), jwt.refreshTokenTtl().plusHours(1));
			}
			// the used token's family has expired members the reuse revocation updates and the purge deletes
			jdbc.sql("""
					update refresh_tokens set expires_at = ? where user_id = ? and token_hash <> ?""")
				.params(Timestamp.from(clock.instant().minus(jwt.refreshTokenTtl().plusHours(1))), guest.id(),
						SecretTokens.hash(current))
				.update();
			TestUser other = accounts.login(guest.email(), guest.password());
			List<Future<?>> work = new ArrayList<>();
			try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
				work.add(clients.submit(() -> purge.purge(refreshTokensPurge(), 7)));
				work.add(clients.submit(() -> refresh(used)));
				work.add(clients.submit(() -> purge.purge(refreshTokensPurge(), 3)));
				work.add(clients.submit(() -> refresh(current)));
				work.add(clients.submit(() -> api.post("/api/v1/auth/logout", Map.of("refresh_token",
						other.refreshToken())).send()));
				work.add(clients.submit(() -> api.patch("/api/v1/users/me", Map.of("password",
						"another long passphrase", "current_password", guest.password())).as(other.accessToken()).send()));
				for (Future<?> done : work) {
					Object answer = done.get(30, TimeUnit.SECONDS);
					if (answer instanceof Response response) {
						assertThat(response.status()).as("round " + round + ": " + response).isIn(200, 204, 401);
					}
				}
			}
		}
	}

	private Purge refreshTokensPurge() {
		return purges.stream()
			.filter(p -> p.table().equals("refresh_tokens"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no purge of refresh_tokens is declared"));
	}

	/** A used refresh token of {@code family} that expired {@code expiredFor} ago; returns its id. */
	private UUID token(UUID userId, UUID family, Duration expiredFor) {
		UUID id = UUID.randomUUID();
		Instant expires = clock.instant().minus(expiredFor);
		jdbc.sql("""
				insert into refresh_tokens (id, user_id, family_id, session_generation, token_hash, expires_at, created_at,
				    used_at)
				select ?, u.id, ?, u.session_generation, ?, ?, ?, ? from users u where u.id = ?""")
			.params(id, family, SecretTokens.hash(SecretTokens.newSecret()), Timestamp.from(expires),
					Timestamp.from(expires.minus(jwt.refreshTokenTtl())), Timestamp.from(expires.minusSeconds(60)), userId)
			.update();
		return id;
	}

	private boolean exists(UUID id) {
		return jdbc.sql("select count(*) from refresh_tokens where id = ?").param(id).query(Integer.class).single() == 1;
	}

	private Response refresh(String refreshToken) {
		return api.post("/api/v1/auth/refresh", Map.of("refresh_token", refreshToken)).send();
	}

	private static void lock(Connection connection, String query, UUID id) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement(query)) {
			lock.setObject(1, id);
			try (ResultSet row = lock.executeQuery()) {
				assertThat(row.next()).isTrue();
			}
		}
	}
}
