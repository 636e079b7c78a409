package io.staybook.user;

import java.util.UUID;

/**
 * A module that owns records an account must not lose (upcoming stays, say) implements this to refuse the account's
 * deletion, by throwing a conflict. The user module so needs to know nothing of bookings.
 */
public interface AccountDeletionPolicy {

	void checkDeletable(UUID userId);
}
