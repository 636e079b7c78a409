package io.staybook.shared.security;

import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A bearer token that is genuine and unexpired, on a read that shows the same to everyone (see
 * {@link SecurityConfig#IDENTITY_FREE_READS}): its account is not looked up, so neither its role nor a revocation is
 * known, and the request gets no {@link Actor} ({@code @AuthenticationPrincipal Actor} is null, as for an anonymous
 * caller). Only the account id is kept, so that rate limits count the request against the account, as before.
 */
public final class VerifiedToken extends AbstractAuthenticationToken {

	private final UUID accountId;

	private VerifiedToken(UUID accountId) {
		super(List.of());
		this.accountId = accountId;
		setAuthenticated(true);
	}

	/**
	 * The token's subject as an account id.
	 *
	 * @throws InvalidBearerTokenException (a 401, as for a forged token) if the subject is not a UUID
	 */
	static VerifiedToken of(Jwt jwt) {
		try {
			return new VerifiedToken(UUID.fromString(jwt.getSubject()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidBearerTokenException("The access token names no account.");
		}
	}

	/** The account a request is made for: its actor's, or a verified token's; null for an anonymous request. */
	public static UUID accountOf(Authentication authentication) {
		return switch (authentication) {
			case ActorAuthentication actor -> actor.getPrincipal().id();
			case VerifiedToken token -> token.accountId;
			case null, default -> null;
		};
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public UUID getPrincipal() {
		return accountId;
	}
}
