package io.staybook.user;

import io.staybook.shared.DomainException;
import io.staybook.shared.security.JwtProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.staybook.shared.Ids;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.stereotype.Component;

/**
 * Issues access tokens (signed JWTs: header {@code typ: at+jwt}, claims {@code iss}, {@code aud}, {@code sub},
 * {@code iat}, {@code exp}, a random {@code jti}, {@code role} and {@value #VERSION_CLAIM}, as RFC 9068 §2 has
 * them) and refresh tokens (random, stored hashed; no JWTs), rotates refresh tokens and revokes their families.
 * Callers hold the transaction.
 * <p>
 * Lock order: every path that issues, rotates or revokes an account's refresh tokens locks the account's
 * {@code users} row first and the {@code refresh_tokens} rows after (login, refresh, logout, reuse detection, password
 * change and reset, deletion). Behind it, the database: a refresh token is redeemable only while it is of the account's
 * current session generation ({@link Users#endSessions}), so a token that a revocation missed is void all the same.
 * <p>
 * An access token carries the account's token version ({@value #VERSION_CLAIM}); every revocation here (a logout, a
 * reused refresh token, all sessions at once) also bumps that version, which ends the account's access tokens at once
 * (see {@link ActorConverter}). Per account, not per session: a logout on one device also ends the access tokens of
 * the others, which get new ones from their refresh tokens, still valid; the check so stays one lookup of the account.
 */
@Component
class Sessions {

	/** The access token's claim holding the account's token version at issue. */
	static final String VERSION_CLAIM = "ver";

	private final RefreshTokens tokens;

	private final JwtEncoder jwtEncoder;

	private final JwtProperties properties;

	private final Clock clock;

	private final AccountStates accounts;

	private final Users users;

	Sessions(RefreshTokens tokens, JwtEncoder jwtEncoder, JwtProperties properties, Clock clock,
			AccountStates accounts, Users users) {
		this.tokens = tokens;
		this.users = users;
		this.accounts = accounts;
		this.jwtEncoder = jwtEncoder;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A new session: a new family of refresh tokens, of the account's current session generation. {@code user} must be
	 * locked ({@link Users#findActiveForUpdate}), as every change of an account's refresh tokens locks it first.
	 */
	TokenPair open(User user) {
		return issue(user, Ids.newId());
	}

	/**
	 * Exchanges a refresh token for a new pair of its family. The account's row is locked first, then the token's
	 * (see {@link Users#findActiveByRefreshTokenForUpdate}): a refresh waits for a password change running alongside
	 * and then finds its token revoked, or runs first and has its new token revoked by that change. A token used
	 * before revokes its whole family: the caller must commit that revocation even though it answers 401.
	 * @throws DomainException 401 {@code invalid_refresh_token} for an unknown, used, revoked or expired token, one
	 * of an ended session generation, and one of a deleted account, alike
	 */
	TokenPair refresh(String refreshToken) {
		String hash = hash(refreshToken);
		User user = users.findActiveByRefreshTokenForUpdate(hash).orElseThrow(Sessions::invalid);
		RefreshToken token = tokens.findForUpdate(hash).orElseThrow(Sessions::invalid);
		Instant now = clock.instant();
		if (token.wasUsedOrRevoked()) {
			// a stolen refresh token: whoever used it first may hold access tokens of this family too
			revokeFamily(token, now);
			throw invalid();
		}
		if (token.isExpired(now)) {
			throw invalid();
		}
		token.markUsed(now);
		return issue(user, token.familyId());
	}

	/**
	 * Ends the session the token belongs to, and the account's access tokens; an unknown or already revoked token is
	 * ignored, so logout is idempotent, and so is a token whose session generation ended (it is void already). The
	 * account's row is locked before the token's, as by {@link #refresh}.
	 */
	void close(String refreshToken) {
		String hash = hash(refreshToken);
		if (users.findActiveByRefreshTokenForUpdate(hash).isPresent()) {
			tokens.findForUpdate(hash).ifPresent(token -> revokeFamily(token, clock.instant()));
		}
	}

	/**
	 * Ends every session of the account (its session generation, and the rows of its refresh tokens) and every access
	 * token it holds. The caller holds the account's row lock ({@link Users#findActiveForUpdate}, or an update of the
	 * row), so that every refresh token committed before is revoked here and every refresh after waits for this.
	 */
	void revokeAll(UUID userId) {
		tokens.revokeAllOf(userId, clock.instant());
		accounts.endSessions(userId);
	}

	private void revokeFamily(RefreshToken token, Instant now) {
		if (tokens.revokeFamily(token.familyId(), now) > 0) {
			accounts.revokeTokens(token.userId());
		}
	}

	private TokenPair issue(User user, UUID familyId) {
		Instant now = clock.instant();
		// typed and addressed (RFC 9068 §2.1, §2.2), as the decoder requires: see JwtConfig
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(properties.issuer())
			.subject(user.getId().toString())
			.audience(List.of(properties.audience()))
			.id(Ids.newId().toString())
			.issuedAt(now)
			.expiresAt(now.plus(properties.accessTokenTtl()))
			.claim("role", user.role().json())
			.claim(VERSION_CLAIM, user.tokenVersion())
			.build();
		String accessToken = jwtEncoder
			.encode(JwtEncoderParameters.from(
					JwsHeader.with(MacAlgorithm.HS256).type(JwtProperties.ACCESS_TOKEN_TYPE).build(), claims))
			.getTokenValue();
		String refreshToken = SecretTokens.newSecret();
		tokens.save(new RefreshToken(user.getId(), familyId, user.sessionGeneration(), hash(refreshToken), now,
				now.plus(properties.refreshTokenTtl())));
		return new TokenPair(accessToken, refreshToken, properties.accessTokenTtl().toSeconds());
	}

	static DomainException invalid() {
		return DomainException.unauthorized("invalid_refresh_token", "The refresh token is invalid or expired.");
	}

	/** Refresh tokens carry 256 random bits, so a fast unsalted hash is enough to make a stolen table useless. */
	private static String hash(String token) {
		return SecretTokens.hash(token);
	}
}
