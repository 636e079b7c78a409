package io.staybook.property;

import java.util.UUID;

/**
 * A module that owns records hanging off a listing implements this to take part in the listing's removal, in the
 * deleting transaction, after the listing's row is locked: first every policy's {@link #checkDeletable} (which may
 * refuse with a conflict), then every policy's {@link #onDeleted}. A listing is removed this way by its host, by an
 * admin, and with its host's account; the README's "Removal rules" say what each module does.
 */
public interface PropertyDeletionPolicy {

	/**
	 * Refuses (throws a conflict) if the listing must not go. An implementation first locks the records it will close
	 * in {@link #onDeleted}, then judges, so that a record changed a moment earlier (a hold just confirmed) is seen.
	 */
	void checkDeletable(UUID propertyId);

	/**
	 * The listing is going: closes what would otherwise outlive it (holds, say), in the same transaction.
	 * {@code removedBy} is the account that removed it (its host, or an admin).
	 */
	default void onDeleted(UUID propertyId, UUID removedBy) {
	}
}
