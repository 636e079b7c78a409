package io.staybook.shared.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import io.staybook.shared.Ids;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose UUIDv7 id is assigned when it is made, not by the database, so that the id is known before the insert
 * (to schedule a job for it in the same transaction, say). {@link Persistable} tells Spring Data that a new object
 * needs an insert rather than a merge.
 */
@MappedSuperclass
public abstract class AggregateRoot implements Persistable<UUID> {

	@Id
	@Column(name = "id", nullable = false, updatable = false)
	private UUID id = Ids.newId();

	@Transient
	private boolean isNew = true;

	@Override
	public UUID getId() {
		return id;
	}

	@Override
	public boolean isNew() {
		return isNew;
	}

	@PostLoad
	@PostPersist
	void markPersisted() {
		isNew = false;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof AggregateRoot that && getClass() == that.getClass()
				&& id.equals(that.id));
	}

	@Override
	public int hashCode() {
		return id.hashCode();
	}
}
