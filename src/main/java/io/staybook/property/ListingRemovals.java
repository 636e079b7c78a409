package io.staybook.property;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a listing leaves the marketplace, whether its host or an admin deletes it or its host's account goes:
 * with its row locked, every {@link PropertyDeletionPolicy} first checks (and locks what it will close), then closes;
 * the host's blocks and the listing's photos are removed and the listing is marked deleted, so that search and
 * detail no longer find it. The photo rows go in the same transaction, so no read (photo list, cover, GraphQL, search's
 * written JSON, {@code /media/<key>}) shows a removed listing's images once it commits; the media sweep then deletes
 * the objects no other photo uses (README, "Removal rules"; OWASP and GDPR data minimisation).
 */
@Component
class ListingRemovals {

	private final Properties properties;

	private final PropertyReader reader;

	private final Calendar calendar;

	private final List<PropertyDeletionPolicy> policies;

	private final PhotoRows photos;

	private final Clock clock;

	ListingRemovals(Properties properties, PropertyReader reader, Calendar calendar,
			List<PropertyDeletionPolicy> policies, PhotoRows photos, Clock clock) {
		this.properties = properties;
		this.reader = reader;
		this.calendar = calendar;
		this.policies = policies;
		this.photos = photos;
		this.clock = clock;
	}

	/** Removes a listing whose row the caller has locked; refused (409) by a policy leaves it as it was. */
	@Transactional(propagation = Propagation.MANDATORY)
	void remove(Property property, UUID removedBy) {
		check(property);
		photos.deleteAllOf(List.of(property.getId()));
		close(property, removedBy);
	}

	/** Locks the host's listings (in id order, as every writer of several listings must) and checks each. */
	@Transactional(propagation = Propagation.MANDATORY)
	void checkAllOf(UUID hostId) {
		lockAllOf(hostId).forEach(this::check);
	}

	/** The host's listings that are not deleted, locked in id order. */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Property> lockAllOf(UUID hostId) {
		return properties.findActiveOfHostForUpdate(hostId);
	}

	/** Removes listings that the caller locked and {@link #checkAllOf checked}. */
	@Transactional(propagation = Propagation.MANDATORY)
	void closeAll(List<Property> listings, UUID removedBy) {
		if (!listings.isEmpty()) {
			photos.deleteAllOf(listings.stream().map(Property::getId).toList());
		}
		listings.forEach(property -> close(property, removedBy));
	}

	private void check(Property property) {
		policies.forEach(policy -> policy.checkDeletable(property.getId()));
	}

	private void close(Property property, UUID removedBy) {
		UUID id = property.getId();
		policies.forEach(policy -> policy.onDeleted(id, removedBy));
		calendar.removeHostBlocks(id);
		property.delete(clock.instant());
		properties.flush();
		reader.evict(id);
	}
}
