package io.staybook.property;

import io.staybook.user.AccountDeletionPolicy;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A host's account goes with all their listings, each removed by the listing's own rules ({@link ListingRemovals}):
 * a listing must not stay bookable, or even visible, for a host who is gone. Ordered first among the account's
 * policies, so that listings are locked before bookings, the order in which a listing's own deletion takes them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class HostDeparture implements AccountDeletionPolicy {

	private final ListingRemovals removals;

	HostDeparture(ListingRemovals removals) {
		this.removals = removals;
	}

	@Override
	public void checkDeletable(UUID userId) {
		removals.checkAllOf(userId);
	}

	@Override
	public void onDeleted(UUID userId, UUID deletedBy) {
		// the same rows checkAllOf locked a moment ago, in this transaction
		removals.closeAll(removals.lockAllOf(userId), deletedBy);
	}
}
