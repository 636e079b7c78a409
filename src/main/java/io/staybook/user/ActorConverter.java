package io.staybook.user;

import io.staybook.shared.security.Actor;
import io.staybook.shared.security.ActorAuthentication;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a verified access token into the {@link Actor} of the request. The role is read from the account, not from the
 * token, so that a guest who becomes a host can list a property at once; and the token's {@value Sessions#VERSION_CLAIM}
 * claim must equal the account's token version, so that a password change, a logout, an account's deletion or any other
 * revocation of its sessions ends its access tokens at once, not when they expire. A token without the claim (issued
 * before there was one) counts as version 0. Refused tokens get the same 401 as expired ones. The account is read
 * through {@link AccountStates}: one indexed lookup at most, none while cached.
 */
@Component
class ActorConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final AccountStates accounts;

	ActorConverter(AccountStates accounts) {
		this.accounts = accounts;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		UUID id;
		try {
			id = UUID.fromString(jwt.getSubject());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidBearerTokenException("The access token names no account.");
		}
		AccountStates.State account = accounts.current(id)
			.orElseThrow(() -> new InvalidBearerTokenException("The account of this token no longer exists."));
		if (version(jwt) != account.tokenVersion()) {
			throw new InvalidBearerTokenException("The access token was revoked.");
		}
		return new ActorAuthentication(new Actor(id, account.role()), jwt);
	}

	private static long version(Jwt jwt) {
		Object claim = jwt.getClaims().get(Sessions.VERSION_CLAIM);
		if (claim == null) {
			return 0;
		}
		if (claim instanceof Number number) {
			return number.longValue();
		}
		throw new InvalidBearerTokenException("The access token's version is not a number.");
	}
}
