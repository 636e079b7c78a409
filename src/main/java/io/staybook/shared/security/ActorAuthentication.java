package io.staybook.shared.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: the principal is the {@link Actor}, the single authority its role. */
public final class ActorAuthentication extends AbstractAuthenticationToken {

	private final Actor actor;

	/** An authenticated {@code actor}, with the authority {@code ROLE_<role>}. */
	public ActorAuthentication(Actor actor) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
		this.actor = actor;
		setAuthenticated(true);
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
