package io.staybook.property;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code property_prices} table (V20): a host's nightly price for single dates of a listing, over its base and
 * weekend price. One row per listing and date (its primary key); the price is positive (a check), in the listing's
 * currency (a foreign key to the listing's id and currency, V41: the listing's currency cannot change under its
 * overrides) and fits it (checked by {@link PropertyService} when set, and by the database for new rows).
 */
@Component
class NightlyPrices {

	/**
	 * Select-list items reading the overrides of the nights [?, ?) of the listing {@code p} beside its row, so that
	 * a booking's write reads its listing and its prices in one statement ({@link #read}); the window's two bounds are
	 * bound twice, once for each array.
	 */
	static final String IN_WINDOW = "array(select pp.night from property_prices pp where pp.property_id = p.id"
			+ " and pp.night >= ? and pp.night < ? order by pp.night) as override_nights,"
			+ " array(select pp.price_per_night from property_prices pp where pp.property_id = p.id"
			+ " and pp.night >= ? and pp.night < ? order by pp.night) as override_prices";

	private final JdbcClient jdbc;

	NightlyPrices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The overrides of the nights [from, to), by date. */
	Map<LocalDate, BigDecimal> between(UUID propertyId, LocalDate from, LocalDate to) {
		Map<LocalDate, BigDecimal> prices = new HashMap<>();
		jdbc.sql("select night, price_per_night from property_prices where property_id = ? and night >= ? and night < ?")
			.params(propertyId, from, to)
			.query(rs -> {
				prices.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2));
			});
		return prices;
	}

	/** The overrides read by {@link #IN_WINDOW}, by date. */
	static Map<LocalDate, BigDecimal> read(java.sql.ResultSet rs) throws java.sql.SQLException {
		Object[] nights = (Object[]) rs.getArray("override_nights").getArray();
		Object[] prices = (Object[]) rs.getArray("override_prices").getArray();
		Map<LocalDate, BigDecimal> overrides = new HashMap<>();
		for (int i = 0; i < nights.length; i++) {
			overrides.put(((java.sql.Date) nights[i]).toLocalDate(), (BigDecimal) prices[i]);
		}
		return overrides;
	}

	/**
	 * Sets the price of every night of [from, to), in the listing's currency, replacing the overrides there: one
	 * statement. Each row names the currency (V41), so that the database refuses to change the listing's while it
	 * has overrides.
	 */
	void set(UUID propertyId, LocalDate from, LocalDate to, BigDecimal price) {
		jdbc.sql("""
				insert into property_prices (property_id, night, price_per_night, currency)
				select p.id, night::date, ?, p.currency
				from properties p, generate_series(cast(? as date), cast(? as date) - 1, interval '1 day') night
				where p.id = ?
				on conflict (property_id, night) do update set price_per_night = excluded.price_per_night""")
			.params(price, from, to, propertyId)
			.update();
	}

	/** Removes the overrides of nights before {@code today}: they price no stay any more. */
	void forgetBefore(UUID propertyId, LocalDate today) {
		jdbc.sql("delete from property_prices where property_id = ? and night < ?").params(propertyId, today).update();
	}

	/** The first night from {@code from} on that has an override, if any. */
	Optional<LocalDate> firstFrom(UUID propertyId, LocalDate from) {
		return jdbc.sql("select min(night) from property_prices where property_id = ? and night >= ?")
			.params(propertyId, from)
			.query(LocalDate.class)
			.optional();
	}

	/**
	 * Writes the listing's row ({@code updated_at}), so that its version (V16's trigger, on every update) and with it
	 * its ETag move with its nightly prices, even when the time is the same as at its last change.
	 */
	void touch(UUID propertyId, java.time.Instant now) {
		jdbc.sql("update properties set updated_at = ? where id = ?")
			.params(java.sql.Timestamp.from(now), propertyId)
			.update();
	}

	/** Removes the overrides of the nights [from, to): they cost the base or weekend price again. */
	void clear(UUID propertyId, LocalDate from, LocalDate to) {
		jdbc.sql("delete from property_prices where property_id = ? and night >= ? and night < ?")
			.params(propertyId, from, to)
			.update();
	}

	/** The largest override from {@code from} on, or 0 without any: what the longest stay could cost a night at most. */
	BigDecimal highestFrom(UUID propertyId, LocalDate from) {
		return jdbc.sql("select coalesce(max(price_per_night), 0) from property_prices where property_id = ? and night >= ?")
			.params(propertyId, from)
			.query(BigDecimal.class)
			.single();
	}

	/** Whether an override from {@code from} on has more decimal places than {@code currency} allows. */
	boolean anyUnfit(UUID propertyId, String currency, LocalDate from) {
		return jdbc.sql("""
				select exists (select 1 from property_prices where property_id = ? and night >= ?
				  and price_per_night <> round(price_per_night, currency_minor_digits(cast(? as char(3)))))""")
			.params(propertyId, from, currency)
			.query(Boolean.class)
			.single();
	}
}
