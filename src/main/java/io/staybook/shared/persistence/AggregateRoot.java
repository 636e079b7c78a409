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
 * <p>
 * The id is drawn by the constructor that makes a new entity ({@code super(Ids.newId())}), not by a field initializer:
 * Hibernate loads a row through the no-argument constructor and then sets the id from the row, so an initializer drew
 * a {@code SecureRandom} id for every loaded entity and threw it away (issue 12's profile).
 */
@MappedSuperclass
public abstract class AggregateRoot implements Persistable<UUID> {

	@Id
	@Column(name = "id", nullable = false, updatable = false)
	private UUID id;

	@Transient
	private boolean isNew = true;

	/** Hibernate's, for an entity it loads: the id comes from the row, so none is drawn. */
	protected AggregateRoot() {
	}

	/** A new entity's, with its id: {@link Ids#newId()}. */
	protected AggregateRoot(UUID id) {
		this.id = java.util.Objects.requireNonNull(id);
	}

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
