package io.staybook.user;

import java.util.UUID;

/**
 * A module that owns records hanging off an account implements this to take part in the account's deletion, in the
 * deleting transaction: first every policy's {@link #checkDeletable} (which may refuse with a conflict), then every
 * policy's {@link #onDeleted}. The user module so needs to know nothing of listings or bookings. Both run after the
 * account's row has been marked deleted (not yet committed), so that anything they send is not sent to it, and so that
 * a concurrent write that checks the account (a new booking) waits for the outcome.
 */
public interface AccountDeletionPolicy {

	/**
	 * Refuses (throws a conflict) if the account must not go (upcoming stays, say). An implementation first locks the
	 * records it will close in {@link #onDeleted}, then judges.
	 */
	void checkDeletable(UUID userId);

	/**
	 * The account is going: closes what would otherwise outlive it (its listings, its holds), in the same
	 * transaction. {@code deletedBy} is the account itself or an admin.
	 */
	default void onDeleted(UUID userId, UUID deletedBy) {
	}
}
