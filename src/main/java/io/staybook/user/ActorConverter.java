package io.staybook.user;

import io.staybook.shared.security.Actor;
import io.staybook.shared.security.ActorAuthentication;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Turns a verified access token into the {@link Actor} of the request. The role is read from the account, not from the
 * token, so that a guest who becomes a host can list a property at once, and a deleted account's tokens stop working.
 * Expiry is judged by the service's {@link Clock}, the one that stamped the token: the decoder's own timestamp check
 * reads the system clock (and allows a minute of skew), so it alone would not follow the clock every other rule uses.
 */
@Component
class ActorConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final Users users;

	private final Clock clock;

	ActorConverter(Users users, Clock clock) {
		this.users = users;
		this.clock = clock;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null || !clock.instant().isBefore(expiresAt)) {
			throw new InvalidBearerTokenException("The access token has expired.");
		}
		UUID id;
		try {
			id = UUID.fromString(jwt.getSubject());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidBearerTokenException("The access token names no account.");
		}
		User user = users.findActive(id)
			.orElseThrow(() -> new InvalidBearerTokenException("The account of this token no longer exists."));
		return new ActorAuthentication(new Actor(id, user.role()));
	}
}
