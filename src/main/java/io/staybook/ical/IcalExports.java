package io.staybook.ical;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code ical_exports} table (V21): per listing, the nonce its export token is derived from and the token's hash. */
@Repository
class IcalExports {

	/** A listing's export secret as stored. */
	record Stored(byte[] nonce, byte[] tokenHash) {
	}

	private final JdbcClient jdbc;

	IcalExports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> find(UUID propertyId) {
		return jdbc.sql("select nonce, token_hash from ical_exports where property_id = ?")
			.param(propertyId)
			.query((rs, row) -> new Stored(rs.getBytes(1), rs.getBytes(2)))
			.optional();
	}

	/** Sets the listing's secret, made or replaced (rotation). */
	void put(UUID propertyId, byte[] nonce, byte[] tokenHash, Instant now) {
		jdbc.sql("""
				insert into ical_exports (property_id, nonce, token_hash, created_at, rotated_at) values (?, ?, ?, ?, ?)
				on conflict (property_id) do update set nonce = excluded.nonce, token_hash = excluded.token_hash,
				                                        rotated_at = excluded.rotated_at""")
			.params(propertyId, nonce, tokenHash, Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/** Makes the listing's secret unless it has one (under the listing's row lock, so never two at once). */
	void create(UUID propertyId, byte[] nonce, byte[] tokenHash, Instant now) {
		jdbc.sql("""
				insert into ical_exports (property_id, nonce, token_hash, created_at, rotated_at) values (?, ?, ?, ?, ?)
				on conflict (property_id) do nothing""")
			.params(propertyId, nonce, tokenHash, Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	/** Stores the hash again when the key changed (the URL shown is derived anew with the current key). */
	void rehash(UUID propertyId, byte[] tokenHash) {
		jdbc.sql("update ical_exports set token_hash = ? where property_id = ?").params(tokenHash, propertyId).update();
	}
}
