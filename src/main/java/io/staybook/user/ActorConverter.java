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
 * token, so that a guest who becomes a host can list a property at once, and a deleted account's tokens stop working.
 */
@Component
class ActorConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final Users users;

	ActorConverter(Users users) {
		this.users = users;
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
		User user = users.findActive(id)
			.orElseThrow(() -> new InvalidBearerTokenException("The account of this token no longer exists."));
		return new ActorAuthentication(new Actor(id, user.role()));
	}
}
