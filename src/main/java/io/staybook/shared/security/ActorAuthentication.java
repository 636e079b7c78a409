package io.staybook.shared.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An authenticated request: the principal is the {@link Actor}, the single authority its role; {@link #token()} is
 * the verified access token it presented (null when made otherwise), which a long-lived answer (a subscription) needs
 * to end with it.
 */
public final class ActorAuthentication extends AbstractAuthenticationToken {

	private final Actor actor;

	private final Jwt token;

	/** An authenticated {@code actor}, with the authority {@code ROLE_<role>}. */
	public ActorAuthentication(Actor actor) {
		this(actor, null);
	}

	/** {@code actor}, signed in with {@code token} (null: none). */
	public ActorAuthentication(Actor actor, Jwt token) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
		this.actor = actor;
		this.token = token;
		setAuthenticated(true);
	}

	/** The access token of the request, or null. */
	public Jwt token() {
		return token;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Actor getPrincipal() {
		return actor;
	}
}
