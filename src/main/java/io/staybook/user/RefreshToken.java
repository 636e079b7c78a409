package io.staybook.user;

import io.staybook.shared.Ids;
import io.staybook.shared.persistence.AggregateRoot;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One refresh token of a session. Every use replaces it by a new token of the same family; a token presented twice
 * means it was stolen, and the whole family is revoked.
 */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken extends AggregateRoot {

	private UUID userId;

	private UUID familyId;

	private String tokenHash;

	private Instant expiresAt;

	private Instant createdAt;

	private Instant usedAt;

	private Instant revokedAt;

	/** The account's session generation when the token was issued: see {@link Users#endSessions}. */
	private int sessionGeneration;

	protected RefreshToken() {
	}

	RefreshToken(UUID userId, UUID familyId, int sessionGeneration, String tokenHash, Instant now, Instant expiresAt) {
		super(Ids.newId());
		this.userId = userId;
		this.familyId = familyId;
		this.sessionGeneration = sessionGeneration;
		this.tokenHash = tokenHash;
		this.createdAt = now;
		this.expiresAt = expiresAt;
	}

	boolean wasUsedOrRevoked() {
		return usedAt != null || revokedAt != null;
	}

	boolean isExpired(Instant now) {
		return !now.isBefore(expiresAt);
	}

	void markUsed(Instant now) {
		this.usedAt = now;
	}

	UUID userId() {
		return userId;
	}

	UUID familyId() {
		return familyId;
	}
}
