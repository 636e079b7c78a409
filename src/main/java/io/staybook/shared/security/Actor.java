package io.staybook.shared.security;

import java.util.UUID;

/** The authenticated caller, as every service sees it: who, and with which role right now. */
public record Actor(UUID id, Role role) {

	public boolean isAdmin() {
		return role == Role.ADMIN;
	}

	public boolean is(UUID userId) {
		return id.equals(userId);
	}

	public boolean isSelfOrAdmin(UUID userId) {
		return is(userId) || isAdmin();
	}
}
