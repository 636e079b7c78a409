package io.staybook.wishlist;

import io.staybook.property.Listing;
import io.staybook.property.PropertyService;
import io.staybook.property.SearchCriteria;
import io.staybook.property.SearchSort;
import io.staybook.shared.DemoDataSwitch;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.security.Role;
import io.staybook.user.UserService;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The first demo guest ({@code guest1@staybook.test}) gets a wishlist, "Weekend ideas", with four Lisbon listings,
 * made through {@link WishlistService}'s rules; loaded once, when that guest has no list yet.
 */
@Component
@Order(50)
class WishlistDemoData implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(WishlistDemoData.class);

	private static final int LISTINGS = 4;

	private final WishlistService wishlists;

	private final PropertyService properties;

	private final UserService users;

	private final DemoDataSwitch demoData;

	WishlistDemoData(WishlistService wishlists, PropertyService properties, UserService users,
			DemoDataSwitch demoData) {
		this.wishlists = wishlists;
		this.properties = properties;
		this.users = users;
		this.demoData = demoData;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!demoData.enabled()) {
			return;
		}
		List<UUID> guests = users.demoAccounts(Role.GUEST);
		if (guests.isEmpty()) {
			return;
		}
		Actor guest = new Actor(guests.getFirst(), Role.GUEST);
		if (!wishlists.list(guest, PageRequest.first(1)).results().isEmpty()) {
			return;
		}
		List<Listing> lisbon = properties.search(new SearchCriteria("Lisbon", null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, SearchSort.NEWEST), PageRequest.first(LISTINGS)).results();
		if (lisbon.isEmpty()) {
			return;
		}
		Wishlist list = wishlists.create(guest, "Weekend ideas");
		lisbon.forEach(listing -> wishlists.add(guest, list.id(), listing.property().id()));
		log.info("Loaded a demo wishlist with {} listings", lisbon.size());
	}
}
