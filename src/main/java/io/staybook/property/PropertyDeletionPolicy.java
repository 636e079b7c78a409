package io.staybook.property;

import java.util.UUID;

/**
 * A module that owns records a listing must not lose (upcoming stays, say) implements this to refuse the listing's
 * deletion, by throwing a conflict.
 */
public interface PropertyDeletionPolicy {

	void checkDeletable(UUID propertyId);
}
