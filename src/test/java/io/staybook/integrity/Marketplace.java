package io.staybook.integrity;

import io.staybook.test.Accounts.TestUser;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * What the actors of one run know about the marketplace they act in: who they are, the listings, and every booking,
 * payment and provider event they have made, as the service answered. Shared by the worker threads, so every
 * collection is concurrent; what is known may be stale (another worker may just have cancelled a booking), which is
 * the point: the service must refuse a stale action, not act on it.
 */
final class Marketplace {

	/** A listing and its host. */
	record Listing(UUID id, TestUser host) {
	}

	/** A booking as last answered to the actors: dates move with a successful change. */
	static final class Booking {

		final UUID id;

		final TestUser guest;

		final Listing listing;

		volatile LocalDate checkIn;

		volatile LocalDate checkOut;

		/** Whether an actor has asked to pay it (whatever the answer): the others are the open holds. */
		volatile boolean payRequested;

		Booking(UUID id, TestUser guest, Listing listing, LocalDate checkIn, LocalDate checkOut) {
			this.id = id;
			this.guest = guest;
			this.listing = listing;
			this.checkIn = checkIn;
			this.checkOut = checkOut;
		}
	}

	/** A payment request that was answered 201: its body and key, to replay them. */
	record Payment(UUID id, Booking booking, String token, String key, Map<String, Object> body) {
	}

	/** A signed provider event that was delivered, to deliver again. */
	record Event(String id, String body) {
	}

	final TestUser admin;

	final List<TestUser> guests;

	final List<TestUser> hosts;

	final List<Listing> listings;

	final List<Booking> bookings = new CopyOnWriteArrayList<>();

	final List<Payment> payments = new CopyOnWriteArrayList<>();

	final List<Event> events = new CopyOnWriteArrayList<>();

	final Set<UUID> deletedAccounts = ConcurrentHashMap.newKeySet();

	final Set<UUID> deletedListings = ConcurrentHashMap.newKeySet();

	Marketplace(TestUser admin, List<TestUser> guests, List<TestUser> hosts, List<Listing> listings) {
		this.admin = admin;
		this.guests = List.copyOf(guests);
		this.hosts = List.copyOf(hosts);
		this.listings = List.copyOf(listings);
	}

	List<UUID> listingIds() {
		return listings.stream().map(Listing::id).toList();
	}

	/** A random element of {@code items} that passes {@code filter}, or null if none does. */
	static <T> T pick(Random random, List<T> items, Predicate<T> filter) {
		List<T> candidates = items.stream().filter(filter).toList();
		return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
	}

	static <T> T pick(Random random, List<T> items) {
		return pick(random, items, item -> true);
	}

	/**
	 * Mostly someone still here, sometimes anyone (a deleted account's stale token, a delisted listing): the service
	 * must refuse those too.
	 */
	<T> T mostlyLive(Random random, List<T> items, Predicate<T> live) {
		T chosen = random.nextInt(10) == 0 ? null : pick(random, items, live);
		return chosen != null ? chosen : pick(random, items);
	}

	boolean isLive(TestUser user) {
		return !deletedAccounts.contains(user.id());
	}

	boolean isLive(Listing listing) {
		return !deletedListings.contains(listing.id()) && isLive(listing.host());
	}
}
