package io.staybook.integrity;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The money and lifecycle invariants of issue 10, checked with SQL over the bookings of a set of listings (one run's),
 * once the jobs have settled. Each violation is one line naming the invariant and the records involved. The whole
 * check sits behind {@link #violations()}, so that it can later be replaced by a call to the reconciliation endpoint
 * ({@code GET /api/v1/admin/reconciliation}).
 *
 * <p>
 * "Paid" is a payment in {@code completed}, {@code partially_refunded} or {@code refunded}; "active" is a booking in
 * {@code pending_payment}, {@code confirmed} or {@code checked_in}, as in the schema's exclusion constraint.
 */
final class MoneyInvariants {

	static final String PAID = "('completed', 'partially_refunded', 'refunded')";

	static final String ACTIVE = "('pending_payment', 'confirmed', 'checked_in')";

	private final JdbcTemplate jdbc;

	private final UUID[] listings;

	/** Checks the bookings of {@code listings}, and the payments of those bookings. */
	MoneyInvariants(JdbcTemplate jdbc, Collection<UUID> listings) {
		this.jdbc = jdbc;
		this.listings = listings.toArray(UUID[]::new);
	}

	/** Every violation found, one line each ({@code "(n) booking <id>: ..."}); empty when all invariants hold. */
	List<String> violations() {
		List<String> found = new ArrayList<>();
		paidStaysArePaidInFull(found);
		refundsMatchWhatWasOwed(found);
		endedUnpaidKeepsNothing(found);
		noPaymentLeftPending(found);
		nothingActiveOnWhatIsGone(found);
		noOverlap(found);
		return found;
	}

	/**
	 * (1) A confirmed, checked-in or completed booking has exactly one paid payment, whose amount is the booking's
	 * {@code total_price}, and none of which has gone back to the guest.
	 */
	private void paidStaysArePaidInFull(List<String> found) {
		each("""
				select b.id, b.status, b.total_price, count(p.id) as paid,
				       coalesce(string_agg(p.id || ' ' || p.status || ' amount ' || p.amount || ' refunded '
				                           || p.refunded_amount, '; '), 'none') as payments,
				       bool_and(p.amount = b.total_price) as amounts_match,
				       coalesce(sum(p.refunded_amount), 0) as refunded
				from bookings b
				left join payments p on p.booking_id = b.id and p.status in %s
				where b.property_id = any (?) and b.status in ('confirmed', 'checked_in', 'completed')
				group by b.id, b.status, b.total_price
				having count(p.id) <> 1 or not bool_and(p.amount = b.total_price) or sum(p.refunded_amount) <> 0
				""".formatted(PAID), rs -> {
			found.add("(1) booking %s is %s with total_price %s but its paid payments are: %s".formatted(
					rs.getString("id"), rs.getString("status"), rs.getBigDecimal("total_price"),
					rs.getString("payments")));
		});
	}

	/**
	 * (2) A cancelled booking with a {@code refund_amount} was paid; its payment's {@code refunded_amount} (what the
	 * provider gave back) equals that {@code refund_amount}, and what the payment keeps ({@code amount -
	 * refunded_amount}) is what the booking still owes ({@code total_price - refund_amount}). (That
	 * {@code refunded_amount <= amount} the table's check guarantees; it is checked here all the same.)
	 */
	private void refundsMatchWhatWasOwed(List<String> found) {
		each("""
				select b.id, b.total_price, b.refund_amount, p.id as payment, p.status, p.amount, p.refunded_amount
				from bookings b
				left join payments p on p.booking_id = b.id and p.status in %s
				where b.property_id = any (?) and b.status = 'cancelled' and b.refund_amount is not null
				  and (p.id is null or p.refunded_amount <> b.refund_amount
				       or p.amount - p.refunded_amount <> b.total_price - b.refund_amount)
				""".formatted(PAID), rs -> {
			if (rs.getString("payment") == null) {
				found.add("(2) booking %s is cancelled with refund_amount %s but has no paid payment".formatted(
						rs.getString("id"), rs.getBigDecimal("refund_amount")));
			}
			else {
				found.add(("(2) booking %s (total_price %s) is cancelled with refund_amount %s but payment %s (%s) has"
						+ " amount %s and refunded_amount %s").formatted(rs.getString("id"),
						rs.getBigDecimal("total_price"), rs.getBigDecimal("refund_amount"), rs.getString("payment"),
						rs.getString("status"), rs.getBigDecimal("amount"), rs.getBigDecimal("refunded_amount")));
			}
		});
		each("""
				select p.id, p.booking_id, p.amount, p.refunded_amount
				from payments p join bookings b on b.id = p.booking_id
				where b.property_id = any (?) and (p.refunded_amount > p.amount or p.refunded_amount < 0)
				""", rs -> {
			found.add("(2) payment %s of booking %s has refunded_amount %s of amount %s".formatted(rs.getString("id"),
					rs.getString("booking_id"), rs.getBigDecimal("refunded_amount"), rs.getBigDecimal("amount")));
		});
	}

	/** (3) An expired booking, or one cancelled before it was paid (no refund_amount), keeps none of the guest's money. */
	private void endedUnpaidKeepsNothing(List<String> found) {
		each("""
				select b.id, b.status, p.id as payment, p.status as payment_status, p.amount, p.refunded_amount
				from bookings b
				join payments p on p.booking_id = b.id and p.status in %s
				where b.property_id = any (?)
				  and (b.status = 'expired' or (b.status = 'cancelled' and b.refund_amount is null))
				  and p.refunded_amount <> p.amount
				""".formatted(PAID), rs -> {
			found.add("(3) booking %s is %s%s but payment %s (%s) kept %s of %s".formatted(rs.getString("id"),
					rs.getString("status"), rs.getString("status").equals("cancelled") ? " without refund_amount" : "",
					rs.getString("payment"), rs.getString("payment_status"),
					rs.getBigDecimal("amount").subtract(rs.getBigDecimal("refunded_amount")), rs.getBigDecimal("amount")));
		});
	}

	/** (4) Once the jobs have settled, no payment is left {@code pending}. */
	private void noPaymentLeftPending(List<String> found) {
		each("""
				select p.id, p.booking_id, b.status
				from payments p join bookings b on b.id = p.booking_id
				where b.property_id = any (?) and p.status = 'pending'
				""", rs -> {
			found.add("(4) payment %s of booking %s (%s) is still pending".formatted(rs.getString("id"),
					rs.getString("booking_id"), rs.getString("status")));
		});
	}

	/** (5) No active booking is on a deleted listing, or for a deleted guest or host. */
	private void nothingActiveOnWhatIsGone(List<String> found) {
		each("""
				select b.id, b.status, p.deleted_at is not null as listing_gone, g.deleted_at is not null as guest_gone,
				       h.deleted_at is not null as host_gone
				from bookings b
				join properties p on p.id = b.property_id
				join users g on g.id = b.guest_id
				join users h on h.id = b.host_id
				where b.property_id = any (?) and b.status in %s
				  and (p.deleted_at is not null or g.deleted_at is not null or h.deleted_at is not null)
				""".formatted(ACTIVE), rs -> {
			List<String> gone = new ArrayList<>();
			if (rs.getBoolean("listing_gone")) {
				gone.add("listing");
			}
			if (rs.getBoolean("guest_gone")) {
				gone.add("guest");
			}
			if (rs.getBoolean("host_gone")) {
				gone.add("host");
			}
			found.add("(5) booking %s is %s but its %s %s deleted".formatted(rs.getString("id"),
					rs.getString("status"), String.join(" and ", gone), gone.size() > 1 ? "were" : "was"));
		});
	}

	/**
	 * Not an invariant of the money, so not among {@link #violations()}, but issue 10's item 10: bookings that expired
	 * although a payment made before the hold ran out succeeded (the guest paid in time and lost the stay; the money
	 * went back). A fix may give an in-flight charge only a bounded grace, which this test's clock jumps can overrun,
	 * so the run reports these without failing on them.
	 */
	List<String> paidInTimeButExpired() {
		List<String> found = new ArrayList<>();
		each("""
				select b.id, p.id as payment, p.created_at, b.expires_at
				from bookings b
				join payments p on p.booking_id = b.id and p.status in %s
				where b.property_id = any (?) and b.status = 'expired' and p.created_at < b.expires_at
				""".formatted(PAID), rs -> {
			found.add("(7) booking %s expired at %s although payment %s, made at %s, succeeded".formatted(
					rs.getString("id"), rs.getTimestamp("expires_at").toInstant(), rs.getString("payment"),
					rs.getTimestamp("created_at").toInstant()));
		});
		return found;
	}

	/** Runs {@code sql}, whose one parameter is the listings, and hands each row to {@code row}. */
	private void each(String sql, RowCallbackHandler row) {
		jdbc.query(scoped(sql, listings), row);
	}

	/** {@code sql} with every one of its parameters bound to {@code listings}, as a {@code uuid[]}. */
	static PreparedStatementCreator scoped(String sql, UUID[] listings) {
		return connection -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
				statement.setArray(i, connection.createArrayOf("uuid", listings));
			}
			return statement;
		};
	}

	/** (6) No two active bookings of one listing share a night (the exclusion constraint's promise, checked anyway). */
	private void noOverlap(List<String> found) {
		each("""
				select a.id, b.id as other, a.property_id
				from bookings a
				join bookings b on b.property_id = a.property_id and a.id < b.id
				 and daterange(a.check_in, a.check_out) && daterange(b.check_in, b.check_out)
				where a.property_id = any (?) and a.status in %s and b.status in %s
				""".formatted(ACTIVE, ACTIVE), rs -> {
			found.add("(6) bookings %s and %s of listing %s are both active on shared nights".formatted(
					rs.getString("id"), rs.getString("other"), rs.getString("property_id")));
		});
	}
}
