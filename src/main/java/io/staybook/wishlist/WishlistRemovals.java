package io.staybook.wishlist;

import io.staybook.property.PropertyDeletionPolicy;
import io.staybook.user.AccountDeletionPolicy;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wishlist module's part in removing a listing or an account (the README's "Removal rules"): never refuses; a
 * removed listing leaves every list in the removing transaction (so that no page nor count shows it, without a job),
 * and a deleted account's lists are deleted with it.
 */
@Configuration(proxyBeanMethods = false)
class WishlistRemovals {

	@Bean
	PropertyDeletionPolicy wishlistedListings(WishlistRows rows) {
		return new PropertyDeletionPolicy() {

			@Override
			public void checkDeletable(UUID propertyId) {
				// a listing in wishlists may always go
			}

			@Override
			public void onDeleted(UUID propertyId, UUID removedBy) {
				rows.removeEverywhere(propertyId);
			}
		};
	}

	@Bean
	AccountDeletionPolicy wishlistOwners(WishlistRows rows) {
		return new AccountDeletionPolicy() {

			@Override
			public void checkDeletable(UUID userId) {
				// an account with wishlists may always go
			}

			@Override
			public void onDeleted(UUID userId, UUID deletedBy) {
				rows.deleteAllOf(userId);
			}
		};
	}
}
