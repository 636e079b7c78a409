package io.staybook.payout;

import io.staybook.shared.validation.Characters;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import io.staybook.shared.money.InvalidMoney;
import io.staybook.shared.money.Money;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code payouts} table in plain SQL: the sweep's statements (make due payouts, claim them, record the provider's
 * answer) and the reads of the APIs. Every write of the sweep is one statement that is safe to run on several nodes
 * at once: a payout is made once per booking ({@code on conflict do nothing}), claimed by one sweep at a time
 * ({@code for update skip locked} and a lease), and its answer recorded only while it is still the claimed attempt.
 */
@Component
class PayoutRows {

	static final String COLUMNS = "id, booking_id, host_id, amount, deducted, currency, status, provider_reference, created_at, paid_at";

	/**
	 * Currencies without a minor unit here ({@link Money#digits(String)} is 0: JPY, KRW, MGA...), for the host fee's
	 * rounding in SQL to be {@link Money#share}'s: half-up to the currency's digits (PostgreSQL's {@code round} rounds
	 * half away from zero, the same for amounts that are never negative).
	 */
	static final Set<String> WHOLE_UNITS = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.filter(PayoutRows::whole)
		.collect(Collectors.toUnmodifiableSet());

	private final JdbcClient jdbc;

	PayoutRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A claimed payout, as the sweep pays it. */
	record Claimed(UUID id, UUID bookingId, UUID hostId, BigDecimal amount, String currency, int attempt,
			String destination) {

		/** The provider call's idempotency key: the same for every retry of this attempt. */
		String idempotencyKey() {
			return "payout-" + id + "-" + attempt;
		}
	}

	/**
	 * Makes the payouts that have fallen due, at most {@code batch}, in the caller's transaction, in two statements:
	 * the first locks the payments of the bookings due ({@code for no key update skip locked}: another sweep's are
	 * skipped, and a payment whose refund is being written is left for the next sweep); the second, with a snapshot
	 * taken after those locks, inserts a {@code pending} payout for each, ignoring one another node made meanwhile.
	 * The lock is the one a refund's row takes on its payment (V12's and V27's triggers): a refund is thus either
	 * committed before the payout counts it in {@code refunded}, or written after the payout exists and recorded as
	 * the host's debt ({@code payout_deductions}), never both, never neither.
	 * <p>
	 * Only payments {@code provider} took are paid out by it (V50's {@code payouts_through_payment_provider}): a
	 * payout draws on the balance the guest's money went to, so a stay charged before the deployment switched
	 * provider waits for a sweep of that provider, which this deployment no longer runs: an operator settles it.
	 * <p>
	 * A booking owes its host something when its payment was taken and it is a stay (checked in, or completed: a
	 * confirmed stay whose check-out date has passed where the property is reads completed before the completion job
	 * has written it, and is due as such) or was
	 * cancelled after it was paid with part of the money kept ({@code refund_amount} below {@code total_price}), and
	 * the payout comes out above zero:
	 * <ul>
	 * <li>{@code refunded} = the booking's {@code refund_amount} (its cancellation refund, whether the provider has
	 * made it yet or not; null: none) + the payment's other refunds that have not failed (the provider's own);</li>
	 * <li>{@code kept} = {@code total_price − service_fee − refunded}: what the host's side kept;</li>
	 * <li>{@code host_fee} = {@code host-fee-rate} of the nights kept, {@code min(nights' amount, kept)}, half-up to
	 * the currency's unit: a stay's whole nights' amount (the contract's), the kept nights of a late cancellation
	 * (its refund gives back nights and the cleaning fee; a strict policy's nothing keeps the cleaning fee, which
	 * bears no fee);</li>
	 * <li>{@code amount} = {@code kept − host_fee}; no payout unless above zero. As {@code host_fee ≤ kept ×
	 * rate}, this happens only when refunds reach into the service fee or round the host's share away: the host is
	 * owed nothing and R8 has no payout to check.</li>
	 * </ul>
	 * Uses {@code bookings_payout_due_idx}: only bookings checking out since {@code since} (or later) are read.
	 *
	 * @return the payouts made, oldest due first
	 */
	List<Made> makeDue(String provider, PayoutSettings settings, Instant now) {
		LocalDate since = lookedAtSince(settings, now);
		LocalDate latestCheckIn = latestCheckIn(now);
		List<UUID> locked = due(jdbc.sql("select p.id " + DUE + """
				order by t.due_at
				limit :batch
				for no key update of p skip locked"""), provider, settings, now, since, latestCheckIn).query(UUID.class).list();
		if (locked.isEmpty()) {
			return List.of();
		}
		return due(jdbc.sql("""
				insert into payouts (id, booking_id, host_id, payment_id, amount, host_fee, refunded, currency, status,
				                     provider, due_at, created_at, updated_at)
				select payouts_new_id(), b.id, b.host_id, p.id, k.kept - f.host_fee, f.host_fee, r.refunded,
				       b.currency, 'pending', :provider, t.due_at, :now, :now
				""" + DUE + """
				  and p.id in (:locked)
				order by t.due_at
				on conflict (booking_id) do nothing
				returning id, host_id, currency, amount"""), provider, settings, now, since, latestCheckIn)
			.param("locked", locked)
			.query((rs, row) -> new Made(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3).trim(), rs.getBigDecimal(4)))
			.list();
	}

	/**
	 * The stays whose payout fell due by {@code dueBy} (makeDue's rule: {@link #DUE}, whichever provider took their
	 * payment) and was never made, checking out on {@code checkedOutSince} or later, oldest due first, at most
	 * {@code max}: the payouts a sweep at {@code dueBy} would have made, had it paid out every provider's payments
	 * and looked back that far. Uses {@code bookings_payout_due_idx}, as makeDue does.
	 *
	 * @param now the sweep's time now, for whether a stay is past its lookback (no sweep will make it any more)
	 */
	List<UnmadePayout> unmade(PayoutSettings settings, Instant now, Instant dueBy, LocalDate checkedOutSince,
			int max) {
		return due(jdbc.sql("""
				select b.id, p.id, b.status, p.provider, t.due_at, k.kept - f.host_fee, b.currency,
				       b.check_out < :lookedAtSince
				""" + DUE_THROUGH_ANY_PROVIDER + """
				order by t.due_at, b.id
				limit :max"""), "", settings, dueBy, checkedOutSince, latestCheckIn(dueBy))
			.param("lookedAtSince", lookedAtSince(settings, now))
			.param("max", max)
			.query((rs, row) -> new UnmadePayout(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getBigDecimal(6),
					rs.getString(7).trim(), rs.getBoolean(8)))
			.list();
	}

	/** The first check-out date a sweep at {@code now} reads: its lookback, and a day for the time zones. */
	private static LocalDate lookedAtSince(PayoutSettings settings, Instant now) {
		return LocalDate.ofInstant(now.minus(settings.lookback()), ZoneOffset.UTC).minusDays(1);
	}

	/** No time zone is ahead of UTC by more than 14 hours: no stay checking in after tomorrow (UTC) can be due. */
	private static LocalDate latestCheckIn(Instant now) {
		return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
	}

	/** A payout just made: not yet claimed, so its amount may still be lowered by its host's debts. */
	record Made(UUID id, UUID hostId, String currency, BigDecimal amount) {
	}

	/**
	 * The bookings whose payout has fallen due and comes out above zero (see {@link #makeDue}), with their payment
	 * {@code p}, due time {@code t}, {@code r.refunded}, {@code k.kept} and {@code f.host_fee}: the FROM and WHERE
	 * clauses both of makeDue's statements share, and {@link #unmade}'s with another provider condition.
	 */
	private static final String DUE = dueClauses("and p.provider = :provider");

	/** {@link #DUE} through any provider: what the reconciliation reads (payouts never made, whatever the reason). */
	private static final String DUE_THROUGH_ANY_PROVIDER = dueClauses("");

	private static String dueClauses(String provider) {
		return """
			from bookings b
			join payments p on p.booking_id = b.id and p.status in ('completed', 'partially_refunded', 'refunded')
			                and not p.surplus %s
			cross join lateral (select ((b.check_in + cast(:checkInTime as time)) at time zone b.timezone)
			                           + make_interval(secs => :delaySeconds) as due_at) t
			cross join lateral (select coalesce(b.refund_amount, 0)
			                           + coalesce((select sum(x.amount) from refunds x
			                                       where x.payment_id = p.id and x.status <> 'failed'
			                                         and x.reason <> 'cancellation'), 0) as refunded) r
			cross join lateral (select b.total_price - b.service_fee - r.refunded as kept) k
			cross join lateral (select round(greatest(least(b.total_price - b.cleaning_fee - b.service_fee, k.kept), 0)
			                                 * :rate,
			                                 case when b.currency in (:wholeUnits) then 0 else 2 end) as host_fee) f
			where (b.status in ('confirmed', 'checked_in', 'completed')
			       or (b.status = 'cancelled' and b.refund_amount < b.total_price))
			  and (b.status <> 'confirmed'
			       or b.check_out < cast(timezone(b.timezone, cast(:now as timestamptz)) as date))
			  and b.check_out >= :since and b.check_in <= :latestCheckIn and t.due_at <= :now
			  and k.kept - f.host_fee > 0
			  and not exists (select 1 from payouts o where o.booking_id = b.id)
			""".formatted(provider);
	}

	private static JdbcClient.StatementSpec due(JdbcClient.StatementSpec statement, String provider,
			PayoutSettings settings, Instant now, LocalDate since, LocalDate latestCheckIn) {
		return statement.param("provider", provider)
			.param("now", Timestamp.from(now))
			.param("rate", settings.hostFeeRate())
			.param("wholeUnits", WHOLE_UNITS)
			.param("checkInTime", settings.checkInTime())
			.param("delaySeconds", (double) settings.delay().toSeconds())
			.param("since", since)
			.param("latestCheckIn", latestCheckIn)
			.param("batch", settings.batch());
	}

	/**
	 * Claims up to {@code batch} payouts of this provider to pay now: pending ones nobody holds (never claimed, or
	 * claimed before {@code claimExpired} by a sweep that died or timed out; the same attempt, so the same key), and
	 * failed ones last tried before {@code retryBefore} (a new attempt: the refusal moved no money). Rows another
	 * sweep is claiming are skipped.
	 */
	List<Claimed> claim(String provider, Instant now, Instant claimExpired, Instant retryBefore, int batch) {
		return jdbc.sql("""
				update payouts o
				set status = 'pending', failure_reason = null, claimed_at = :now, updated_at = :now,
				    attempt = case when o.status = 'failed' then o.attempt + 1 else o.attempt end
				from (select id from payouts
				      where provider = :provider
				        and ((status = 'pending' and (claimed_at is null or claimed_at <= :claimExpired))
				             or (status = 'failed' and updated_at <= :retryBefore))
				      order by updated_at
				      limit :batch
				      for update skip locked) c
				where o.id = c.id
				returning o.id, o.booking_id, o.host_id, o.amount, o.currency, o.attempt,
				          (select a.account_id from payout_accounts a
				           where a.host_id = o.host_id and a.provider = o.provider) as destination""")
			.param("provider", provider)
			.param("now", Timestamp.from(now))
			.param("claimExpired", Timestamp.from(claimExpired))
			.param("retryBefore", Timestamp.from(retryBefore))
			.param("batch", batch)
			.query((rs, row) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getBigDecimal(4), rs.getString(5).trim(), rs.getInt(6),
					rs.getString(7)))
			.list();
	}

	/** Paid, if this attempt is still the one claimed; false if another sweep recorded it first. */
	boolean paid(Claimed payout, String reference, Instant now) {
		return jdbc.sql("""
				update payouts set status = 'paid', provider_reference = :reference, paid_at = :now, claimed_at = null,
				                   updated_at = :now
				where id = :id and status = 'pending' and attempt = :attempt""")
			.param("reference", reference)
			.param("now", Timestamp.from(now))
			.param("id", payout.id())
			.param("attempt", payout.attempt())
			.update() == 1;
	}

	/** Refused by the provider, if this attempt is still the one claimed. */
	boolean failed(Claimed payout, String reason, Instant now) {
		return jdbc.sql("""
				update payouts set status = 'failed', failure_reason = :reason, claimed_at = null, updated_at = :now
				where id = :id and status = 'pending' and attempt = :attempt""")
			.param("reason", Characters.truncate(reason, 500))
			.param("now", Timestamp.from(now))
			.param("id", payout.id())
			.param("attempt", payout.attempt())
			.update() == 1;
	}

	/** No answer (an outage): released for the next sweep, which retries it with the same key. */
	void release(Claimed payout, Instant now) {
		jdbc.sql("""
				update payouts set claimed_at = null, updated_at = :now
				where id = :id and status = 'pending' and attempt = :attempt""")
			.param("now", Timestamp.from(now))
			.param("id", payout.id())
			.param("attempt", payout.attempt())
			.update();
	}

	Optional<PayoutView> find(UUID id) {
		return jdbc.sql("select " + COLUMNS + " from payouts where id = :id")
			.param("id", id)
			.query(PayoutRows::view)
			.optional();
	}

	/** Newest first, after the id {@code before} (null: from the newest); only {@code hostId}'s unless null. */
	List<PayoutView> page(UUID hostId, UUID before, int fetch) {
		String sql = "select " + COLUMNS + " from payouts where true" + (hostId != null ? " and host_id = :hostId" : "")
				+ (before != null ? " and id < :before" : "") + " order by id desc limit :fetch";
		var statement = jdbc.sql(sql).param("fetch", fetch);
		if (hostId != null) {
			statement = statement.param("hostId", hostId);
		}
		if (before != null) {
			statement = statement.param("before", before);
		}
		return statement.query(PayoutRows::view).list();
	}

	/** One total per currency and status of the payouts made in [from, to) (UTC days; null: unbounded). */
	List<PayoutSummary.Total> totals(UUID hostId, LocalDate from, LocalDate to) {
		Window window = window(hostId, from, to);
		var statement = jdbc.sql("""
				select currency, status, count(*) as payouts, sum(amount) as amount, sum(deducted) as deducted from payouts
				where %s
				group by currency, status order by currency, status""".formatted(window.where()));
		for (var param : window.params().entrySet()) {
			statement = statement.param(param.getKey(), param.getValue());
		}
		return statement
			.query((rs, row) -> new PayoutSummary.Total(rs.getString(1).trim(), PayoutStatus.fromJson(rs.getString(2)),
					rs.getLong(3), rs.getBigDecimal(4), rs.getBigDecimal(5)))
			.list();
	}

	/** The payouts made in [from, to), oldest first, at most {@code max}. */
	List<PayoutView> made(UUID hostId, LocalDate from, LocalDate to, int max) {
		Window window = window(hostId, from, to);
		var statement = jdbc.sql("select " + COLUMNS + " from payouts where " + window.where()
				+ " order by id limit :max").param("max", max);
		for (var param : window.params().entrySet()) {
			statement = statement.param(param.getKey(), param.getValue());
		}
		return statement.query(PayoutRows::view).list();
	}

	private record Window(String where, java.util.Map<String, Object> params) {
	}

	private static Window window(UUID hostId, LocalDate from, LocalDate to) {
		java.util.Map<String, Object> params = new java.util.LinkedHashMap<>();
		StringBuilder where = new StringBuilder("true");
		if (hostId != null) {
			where.append(" and host_id = :hostId");
			params.put("hostId", hostId);
		}
		if (from != null) {
			where.append(" and created_at >= :from");
			params.put("from", Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant()));
		}
		if (to != null) {
			where.append(" and created_at < :to");
			params.put("to", Timestamp.from(to.atStartOfDay(ZoneOffset.UTC).toInstant()));
		}
		return new Window(where.toString(), params);
	}

	private static PayoutView view(ResultSet rs, int row) throws SQLException {
		Timestamp paidAt = rs.getTimestamp("paid_at");
		return new PayoutView(rs.getObject("id", UUID.class), rs.getObject("booking_id", UUID.class),
				rs.getObject("host_id", UUID.class), rs.getBigDecimal("amount"), rs.getBigDecimal("deducted"),
				rs.getString("currency").trim(),
				PayoutStatus.fromJson(rs.getString("status")), rs.getString("provider_reference"),
				rs.getTimestamp("created_at").toInstant(), paidAt == null ? null : paidAt.toInstant());
	}

	private static boolean whole(String currency) {
		try {
			return Money.digits(currency) == 0;
		}
		catch (InvalidMoney notOfPayment) {
			return false;
		}
	}
}
