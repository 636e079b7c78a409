package io.staybook.reconciliation;

import io.staybook.payout.PayoutService;
import io.staybook.payout.UnmadePayout;
import io.staybook.reconciliation.Discrepancy.Kind;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Invariants R1 to R6 and R8 (README, "Money invariants"), each one SQL query over {@code bookings}, {@code payments},
 * {@code refunds}, {@code properties} and {@code users} that returns the rows breaking it; R8's payouts never made
 * are asked of the payout module, whose sweep's rule says when a payout is due. Read-only; the caller runs them all in
 * one snapshot.
 */
@Component
class LedgerChecks {

	private static final String PAID = "('completed', 'partially_refunded', 'refunded')";

	private static final String ACTIVE = "('requested', 'pending_payment', 'confirmed', 'checked_in')";

	/**
	 * Bookings that never became a stay and so may keep no money: expired holds, requests (nothing can be paid before
	 * the host approves) and declined requests (V19). Cancelled-before-payment ones are told by a null refund_amount.
	 */
	private static final String NEVER_PAID = "('expired', 'requested', 'declined')";

	private final JdbcClient jdbc;

	private final PayoutService payouts;

	LedgerChecks(JdbcClient jdbc, PayoutService payouts) {
		this.jdbc = jdbc;
		this.payouts = payouts;
	}

	int bookings() {
		return jdbc.sql("select count(*) from bookings").query(Integer.class).single();
	}

	/**
	 * Every discrepancy of R1 to R6 and R8, at most {@code maxPerKind} of each kind; {@code graceStart}: now − grace;
	 * {@code overdueBefore}: now − {@link ReconciliationSettings#deductionOverdueAfter()}.
	 */
	List<Discrepancy> run(Instant graceStart, Instant overdueBefore, int maxPerKind) {
		List<Discrepancy> found = new ArrayList<>();
		Timestamp since = Timestamp.from(graceStart);
		found.addAll(query("""
				select b.id as booking_id, null::uuid as payment_id, null::uuid as refund_id,
				       b.total_price as expected, null as actual, 'no paid payment for a ' || b.status || ' booking' as detail
				from bookings b
				where b.status in ('confirmed', 'checked_in', 'completed')
				  and not exists (select 1 from payments p where p.booking_id = b.id and p.status in %s and not p.surplus)
				order by b.id limit :max""".formatted(PAID), Kind.CONFIRMED_WITHOUT_PAYMENT, maxPerKind, since));
		found.addAll(query("""
				select b.id as booking_id, p.id as payment_id, null::uuid as refund_id,
				       b.total_price || ' ' || b.currency as expected, p.amount || ' ' || p.currency as actual,
				       'the paid amount is not the booking''s total' as detail
				from bookings b join payments p on p.booking_id = b.id and p.status in %s and not p.surplus
				where b.status in ('confirmed', 'checked_in', 'completed')
				  and (p.amount <> b.total_price or p.currency <> b.currency)
				order by b.id limit :max""".formatted(PAID), Kind.PAID_AMOUNT_MISMATCH, maxPerKind, since));
		found.addAll(query("""
				select p.booking_id, p.id as payment_id, null::uuid as refund_id,
				       coalesce(r.succeeded, 0) as expected, p.refunded_amount as actual,
				       'refunded_amount is not the sum of the succeeded refunds' as detail
				from payments p
				left join (select payment_id, sum(amount) as succeeded from refunds where status = 'succeeded'
				           group by payment_id) r on r.payment_id = p.id
				where p.refunded_amount <> coalesce(r.succeeded, 0)
				order by p.id limit :max""", Kind.REFUNDED_AMOUNT_MISMATCH, maxPerKind, since));
		found.addAll(query("""
				select b.id as booking_id, null::uuid as payment_id, null::uuid as refund_id,
				       b.refund_amount as expected,
				       coalesce(sum(r.amount) filter (where r.status <> 'failed' and r.reason = 'cancellation'), 0)
				           as actual,
				       'the cancellation refunds that have not failed do not add up to refund_amount' as detail
				from bookings b left join refunds r on r.booking_id = b.id
				where b.status = 'cancelled' and b.refund_amount is not null
				group by b.id, b.refund_amount
				having b.refund_amount
				       <> coalesce(sum(r.amount) filter (where r.status <> 'failed' and r.reason = 'cancellation'), 0)
				order by b.id limit :max""", Kind.CANCELLATION_REFUND_MISMATCH, maxPerKind, since));
		found.addAll(query("""
				select r.booking_id, r.payment_id, r.id as refund_id, 'succeeded' as expected, 'pending' as actual,
				       'a ' || r.reason || ' refund of ' || r.amount || ' pending since ' || r.created_at as detail
				from refunds r
				where r.status = 'pending' and r.created_at < :since
				order by r.created_at limit :max""", Kind.REFUND_STUCK, maxPerKind, since));
		found.addAll(query("""
				select b.id as booking_id, p.id as payment_id, null::uuid as refund_id, p.amount as expected,
				       coalesce(sum(r.amount) filter (where r.status = 'succeeded'
				                                      or (r.status = 'pending' and r.created_at >= :since)), 0) as actual,
				       case when p.surplus then 'a surplus charge of a ' || b.status || ' booking is kept'
				            else 'a ' || b.status || ' booking that was never confirmed keeps money' end as detail
				from bookings b
				join payments p on p.booking_id = b.id and p.status in %s
				left join refunds r on r.payment_id = p.id
				where b.status in %s or (b.status = 'cancelled' and b.refund_amount is null) or p.surplus
				group by b.id, b.status, p.id, p.amount, p.surplus
				having p.amount <> coalesce(sum(r.amount) filter (where r.status = 'succeeded'
				                                      or (r.status = 'pending' and r.created_at >= :since)), 0)
				order by b.id limit :max""".formatted(PAID, NEVER_PAID), Kind.UNCONFIRMED_BOOKING_KEPT_MONEY, maxPerKind,
				since));
		found.addAll(query("""
				select p.booking_id, p.id as payment_id, null::uuid as refund_id, 'completed or failed' as expected,
				       'pending' as actual, 'a payment of ' || p.amount || ' pending since ' || p.created_at as detail
				from payments p
				where p.status = 'pending' and p.created_at < :since
				order by p.created_at limit :max""", Kind.PAYMENT_STUCK, maxPerKind, since));
		found.addAll(query("""
				select r.booking_id, r.payment_id, r.id as refund_id, 'succeeded' as expected, 'failed' as actual,
				       'a ' || r.reason || ' refund of ' || r.amount || ' failed: ' || r.failure_reason as detail
				from refunds r
				where r.status = 'failed'
				order by r.id limit :max""", Kind.REFUND_FAILED, maxPerKind, since));
		found.addAll(query("""
				select b.id as booking_id, null::uuid as payment_id, null::uuid as refund_id, 'inactive' as expected,
				       b.status as actual, 'listing ' || b.property_id || ' was deleted at ' || p.deleted_at as detail
				from bookings b join properties p on p.id = b.property_id
				where b.status in %s and p.deleted_at is not null
				order by b.id limit :max""".formatted(ACTIVE), Kind.ACTIVE_BOOKING_ON_DELETED_LISTING, maxPerKind,
				since));
		found.addAll(query("""
				select b.id as booking_id, null::uuid as payment_id, null::uuid as refund_id, 'inactive' as expected,
				       b.status as actual,
				       concat_ws(' and ', case when g.deleted_at is not null then 'the guest''s account' end,
				                 case when h.deleted_at is not null then 'the host''s account' end) || ' was deleted'
				           as detail
				from bookings b join users g on g.id = b.guest_id join users h on h.id = b.host_id
				where b.status in %s and (g.deleted_at is not null or h.deleted_at is not null)
				order by b.id limit :max""".formatted(ACTIVE), Kind.ACTIVE_BOOKING_OF_DELETED_ACCOUNT, maxPerKind,
				since));
		found.addAll(payouts(maxPerKind, since));
		found.addAll(jdbc.sql("""
				select d.booking_id, r.payment_id, d.refund_id, d.amount || ' ' || d.currency as expected,
				       d.recovered || ' ' || d.currency as actual,
				       'host ' || d.host_id || ' owes ' || (d.amount - d.recovered) || ' ' || d.currency
				           || ' since ' || d.created_at || ' for a refund after payout ' || d.payout_id
				           || ', not yet recovered from a later payout' as detail
				from payout_deductions d join refunds r on r.id = d.refund_id and r.status = 'succeeded'
				where d.recovered_at is null and d.created_at < :overdueBefore
				order by d.created_at, d.id limit :max""")
			.param("overdueBefore", Timestamp.from(overdueBefore))
			.param("max", maxPerKind)
			.query((rs, row) -> discrepancy(Kind.PAYOUT_DEDUCTION_UNRECOVERED, rs))
			.list());
		return found;
	}

	/**
	 * R8: a paid payout plus what was deducted from it, the service fee, the host fee and the refunds that have not
	 * failed, less what its host owes back for this booking's refunds made after the payout ({@code payout_deductions}
	 * whose refunds have not failed), is what the guest paid; when those debts took back all the payout gave, the rest
	 * of a later refund is the platform's loss and only "at least what the guest paid" is asked. No payout stays
	 * pending past the grace; none has failed. The payout's id is in {@code detail}.
	 */
	private List<Discrepancy> payouts(int maxPerKind, Timestamp since) {
		List<Discrepancy> found = new ArrayList<>();
		found.addAll(query("""
				select o.booking_id, p.id as payment_id, null::uuid as refund_id, p.amount || ' ' || p.currency as expected,
				       s.total || ' ' || o.currency as actual,
				       'payout ' || o.id || ': ' || o.amount || ' paid to the host + deducted ' || o.deducted
				           || ' + service fee ' || b.service_fee || ' + host fee ' || o.host_fee || ' + refunds '
				           || coalesce(r.refunded, 0) || ' - owed back ' || coalesce(d.owed, 0)
				           || ' is not what the guest paid' as detail
				from payouts o
				join bookings b on b.id = o.booking_id
				join payments p on p.id = o.payment_id
				left join (select payment_id, sum(amount) as refunded from refunds where status <> 'failed'
				           group by payment_id) r on r.payment_id = o.payment_id
				left join (select x.booking_id, sum(x.amount) as owed
				           from payout_deductions x join refunds f on f.id = x.refund_id and f.status <> 'failed'
				           group by x.booking_id) d on d.booking_id = o.booking_id
				cross join lateral (select o.amount + o.deducted + b.service_fee + o.host_fee + coalesce(r.refunded, 0)
				                           - coalesce(d.owed, 0) as total) s
				where o.status = 'paid'
				  and ((s.total <> p.amount
				        and not (coalesce(d.owed, 0) = o.amount + o.deducted and s.total > p.amount))
				       or o.currency <> p.currency)
				order by o.id limit :max""", Kind.PAYOUT_MISMATCH, maxPerKind, since));
		found.addAll(query("""
				select o.booking_id, o.payment_id, null::uuid as refund_id, 'paid' as expected, 'pending' as actual,
				       'payout ' || o.id || ' of ' || o.amount || ' pending since ' || o.created_at as detail
				from payouts o
				where o.status = 'pending' and o.created_at < :since
				order by o.created_at limit :max""", Kind.PAYOUT_STUCK, maxPerKind, since));
		found.addAll(query("""
				select o.booking_id, o.payment_id, null::uuid as refund_id, 'paid' as expected, 'failed' as actual,
				       'payout ' || o.id || ' of ' || o.amount || ' failed: ' || o.failure_reason as detail
				from payouts o
				where o.status = 'failed'
				order by o.id limit :max""", Kind.PAYOUT_FAILED, maxPerKind, since));
		return found;
	}

	/**
	 * R8: no stay waits for a payout that was never made. A stay the payout sweep would have paid out by
	 * {@code graceStart} (its own rule, {@link PayoutService#unmade}: whichever provider took the payment), checking out
	 * since {@code windowStart}, without a payout. The detail says why the sweep left it, where it can tell: the
	 * payment was taken through another provider than {@code provider}, this deployment's (a sweep pays out only what
	 * its own provider took, V50: after a switch of provider an operator settles it), or the stay checked out before
	 * the sweep's lookback; else no sweep has run, or the sweep's rule let it through.
	 */
	List<Discrepancy> missingPayouts(Instant now, Instant graceStart, Instant windowStart, String provider,
			int maxPerKind) {
		return payouts.unmade(now, graceStart, LocalDate.ofInstant(windowStart, ZoneOffset.UTC), maxPerKind)
			.stream()
			.map(stay -> new Discrepancy(Kind.PAYOUT_MISSING, stay.bookingId(), stay.paymentId(), null,
					stay.amount().toPlainString() + " " + stay.currency(), null,
					"no payout for a " + stay.bookingStatus() + " booking, due since " + stay.dueAt() + ": "
							+ why(stay, provider)))
			.toList();
	}

	private static String why(UnmadePayout stay, String provider) {
		if (!stay.provider().equals(provider)) {
			return "its payment was taken through " + stay.provider() + ", not " + provider
					+ ", the provider this deployment pays out through: no sweep here pays it out;"
					+ " an operator settles it";
		}
		if (stay.pastLookback()) {
			return "it checked out before the payout sweep's lookback (staybook.payouts.lookback): no sweep makes it"
					+ " any more; an operator settles it";
		}
		return "the payout sweep has not made it (has it run?)";
	}

	/**
	 * Paid and failed payments of {@code provider} made since {@code since}, with the provider's reference, newest
	 * first: what R7 asks the provider about. A failed one should have left nothing with the provider: a charge it made
	 * after all, while we recorded a decline or gave up, would otherwise go unseen (and is then recorded as taken:
	 * {@link ProviderChecks}). A charge given up after its retries ({@code provider_unavailable}) may never have learnt
	 * its reference (every answer was lost): it is asked about by its charge key, with a null reference.
	 */
	List<ProviderChecks.Recorded> chargedSince(String provider, Instant since, int limit) {
		return jdbc.sql("""
				select p.booking_id, p.id, p.provider_reference, p.amount, p.currency, p.refunded_amount,
				       coalesce((select sum(r.amount) from refunds r where r.payment_id = p.id and r.status = 'pending'),
				                0) as pending,
				       p.status = 'failed' as failed
				from payments p
				where p.provider = :provider and (p.status in %s or p.status = 'failed')
				  and (p.provider_reference is not null
				       or (p.status = 'failed' and p.failure_reason = 'provider_unavailable'))
				  and p.created_at >= :since
				order by p.id desc limit :limit""".formatted(PAID))
			.param("provider", provider)
			.param("since", Timestamp.from(since))
			.param("limit", limit)
			.query((rs, row) -> new ProviderChecks.Recorded(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3), rs.getBigDecimal(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
					rs.getBoolean(8)))
			.list();
	}

	private List<Discrepancy> query(String sql, Kind kind, int max, Timestamp since) {
		var statement = jdbc.sql(sql).param("max", max);
		if (sql.contains(":since")) {
			statement = statement.param("since", since);
		}
		return statement.query((rs, row) -> discrepancy(kind, rs)).list();
	}

	private static Discrepancy discrepancy(Kind kind, ResultSet rs) throws SQLException {
		return new Discrepancy(kind, rs.getObject("booking_id", UUID.class), rs.getObject("payment_id", UUID.class),
				rs.getObject("refund_id", UUID.class), value(rs, "expected"), value(rs, "actual"),
				rs.getString("detail"));
	}

	private static Object value(ResultSet rs, String column) throws SQLException {
		Object value = rs.getObject(column);
		return value instanceof BigDecimal amount ? amount : rs.getString(column);
	}
}
