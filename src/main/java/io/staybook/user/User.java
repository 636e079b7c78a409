package io.staybook.user;

import io.staybook.shared.Ids;
import io.staybook.shared.persistence.AggregateRoot;
import io.staybook.shared.persistence.JsonEnumConverter;
import io.staybook.shared.security.Role;
import io.staybook.shared.validation.Characters;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account. Changed only through the methods below; a deleted account is anonymised, not removed. */
@Entity
@Table(name = "users")
class User extends AggregateRoot {

	private String firstName;

	private String lastName;

	@Column(columnDefinition = "citext")
	private String email;

	private String passwordHash;

	private String phoneNumber;

	@Convert(converter = RoleConverter.class)
	private Role role;

	private Instant createdAt;

	private Instant updatedAt;

	private Instant deletedAt;

	/** Whether the person showed they read mail at {@link #email}: a verification or reset token came back. */
	private boolean emailVerified;

	/**
	 * Written only by {@link Users#revokeTokens} (an atomic increment in SQL), never by this entity, so that a stale copy
	 * saved later cannot set it back.
	 */
	@Column(insertable = false, updatable = false)
	private int tokenVersion;

	/** Written only by {@link Users#endSessions}, as {@link #tokenVersion} is. */
	@Column(insertable = false, updatable = false)
	private int sessionGeneration;

	protected User() {
	}

	User(String firstName, String lastName, String email, String passwordHash, String phoneNumber, Role role,
			Instant now) {
		super(Ids.newId());
		this.firstName = firstName;
		this.lastName = lastName;
		this.email = address(email);
		this.passwordHash = passwordHash;
		this.phoneNumber = phoneNumber;
		this.role = role;
		this.createdAt = now;
		this.updatedAt = now;
	}

	void rename(String firstName, String lastName, Instant now) {
		this.firstName = firstName != null ? firstName : this.firstName;
		this.lastName = lastName != null ? lastName : this.lastName;
		this.updatedAt = now;
	}

	/** An empty number removes it. */
	void changePhoneNumber(String phoneNumber, Instant now) {
		this.phoneNumber = phoneNumber.isBlank() ? null : phoneNumber;
		this.updatedAt = now;
	}

	void changePasswordHash(String passwordHash, Instant now) {
		this.passwordHash = passwordHash;
		this.updatedAt = now;
	}

	/**
	 * A password set through a reset token that was mailed to the account's address, which the person so showed to
	 * read: it counts as verified too.
	 */
	void resetPassword(String passwordHash, Instant now) {
		changePasswordHash(passwordHash, now);
		this.emailVerified = true;
	}

	/** The token mailed to the account's address came back. */
	void verifyEmail(Instant now) {
		if (!emailVerified) {
			this.emailVerified = true;
			this.updatedAt = now;
		}
	}

	/** The token mailed to {@code newEmail} came back: the account moves there, verified. */
	void changeEmail(String newEmail, Instant now) {
		this.email = address(newEmail);
		this.emailVerified = true;
		this.updatedAt = now;
	}

	/** Accounts that exist by configuration (admins) or as demo data start verified: no one would read their mail. */
	void markVerified() {
		this.emailVerified = true;
	}

	/** The same password, hashed with stronger parameters; not a change the user made, so not an update. */
	void rehashPassword(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void becomeHost(Instant now) {
		this.role = Role.HOST;
		this.updatedAt = now;
	}

	/** Keeps the row for the bookings and reviews that refer to it, but nothing that identifies the person. */
	void delete(Instant now) {
		this.firstName = "Deleted";
		this.lastName = "User";
		this.email = "deleted-" + getId() + "@users.invalid";
		this.phoneNumber = null;
		this.passwordHash = "!";
		this.deletedAt = now;
		this.updatedAt = now;
	}

	UserProfile profile(boolean full) {
		return full
				? new UserProfile(getId(), firstName, lastName, email, phoneNumber, role, createdAt, emailVerified, true)
				: new UserProfile(getId(), firstName, null, null, null, role, createdAt, null, false);
	}

	Contact contact() {
		return new Contact(getId(), firstName, email);
	}

	String passwordHash() {
		return passwordHash;
	}

	Role role() {
		return role;
	}

	/** The version its access tokens must carry; see {@link Users#revokeTokens}. */
	int tokenVersion() {
		return tokenVersion;
	}

	/** The generation its refresh tokens must be of; see {@link Users#endSessions}. */
	int sessionGeneration() {
		return sessionGeneration;
	}

	boolean emailVerified() {
		return emailVerified;
	}

	/**
	 * An email address as the accounts keep it and look it up: stripped and in Unicode's composed form
	 * ({@link Characters#nfc}, as RFC 6532 §3.1 asks of internationalized addresses), so that "josé@" typed with a
	 * combining accent is the same account as "josé@"; letter case is left to the column's citext.
	 */
	static String address(String typed) {
		return typed == null ? null : Characters.nfc(typed.strip());
	}

	String email() {
		return email;
	}

	boolean isDeleted() {
		return deletedAt != null;
	}

	@Converter
	static class RoleConverter extends JsonEnumConverter<Role> {

		RoleConverter() {
			super(Role.class);
		}
	}
}
