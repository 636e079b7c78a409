package io.staybook.shared.security;

import java.util.UUID;

/** The authenticated caller, as every service sees it: who, and with which role right now. */
public record Actor(UUID id, Role role) {

	/** The caller of an operation that needs an account; an anonymous caller ({@code null}) is a 401. */
	public static Actor required(Actor actor) {
		if (actor == null) {
			throw io.staybook.shared.DomainException.unauthorized("unauthorized", "A valid access token is required.");
		}
		return actor;
	}

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

	/** Whether this is the account {@code userId}. */
	public boolean is(UUID userId) {
		return id.equals(userId);
	}

	/** Whether this is the account {@code userId} or an admin. */
	public boolean isSelfOrAdmin(UUID userId) {
		return is(userId) || isAdmin();
	}
}
