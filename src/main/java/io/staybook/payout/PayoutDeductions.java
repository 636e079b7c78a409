package io.staybook.payout;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What hosts owe back ({@code payout_deductions}, V27): a refund written after its booking's payout was made is a
 * debt of the payout's host, recorded by the database in the refund's own transaction (trigger
 * {@code refunds_owed_by_host}, whichever path wrote the refund: the refund job, a provider's webhook, an operator's
 * SQL). This class recovers those debts from the host's next payouts: in the transaction that made them, before any
 * is claimed, each takes its host's open debts in its currency, oldest first, whose refunds have succeeded (money
 * that has gone back; a pending refund's debt waits, a failed one's is void), down to zero at most. Each recovery is a
 * {@code payout_deduction_recoveries} row; the database lowers the payout's {@code amount}, raises its
 * {@code deducted} and the debt's {@code recovered}, refuses more than the debt or the payout holds, and settles a
 * payout brought to zero at once (paid, nothing sent to the provider).
 */
@Component
class PayoutDeductions {

	private final JdbcClient jdbc;

	PayoutDeductions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An open debt, locked: what is left of it to recover. */
	private record Open(UUID id, UUID hostId, String currency, BigDecimal left) {
	}

	private record Key(UUID hostId, String currency) {
	}

	/**
	 * Recovers the hosts' open debts from {@code made} (payouts made in the caller's transaction, not yet claimed),
	 * in order. The debts are locked ({@code for update}, in one order), so two sweeps never recover one twice.
	 *
	 * @return how much was recovered from each payout that gave something, by payout id
	 */
	Map<UUID, BigDecimal> recover(List<PayoutRows.Made> made, Instant now) {
		if (made.isEmpty()) {
			return Map.of();
		}
		List<UUID> hosts = made.stream().map(PayoutRows.Made::hostId).distinct().toList();
		Map<Key, Deque<Open>> open = new HashMap<>();
		jdbc.sql("""
				select d.id, d.host_id, d.currency, d.amount - d.recovered
				from payout_deductions d join refunds r on r.id = d.refund_id and r.status = 'succeeded'
				where d.recovered_at is null and d.host_id in (:hosts)
				order by d.host_id, d.currency, d.created_at, d.id
				for update of d""")
			.param("hosts", hosts)
			.query((rs, row) -> new Open(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3).trim(), rs.getBigDecimal(4)))
			.list()
			.forEach(debt -> open.computeIfAbsent(new Key(debt.hostId(), debt.currency()), k -> new ArrayDeque<>())
				.add(debt));
		Map<UUID, BigDecimal> recovered = new HashMap<>();
		for (PayoutRows.Made payout : made) {
			Deque<Open> debts = open.getOrDefault(new Key(payout.hostId(), payout.currency()), new ArrayDeque<>());
			BigDecimal room = payout.amount();
			while (room.signum() > 0 && !debts.isEmpty()) {
				Open debt = debts.removeFirst();
				BigDecimal taken = debt.left().min(room);
				record(debt, payout, taken, now);
				room = room.subtract(taken);
				recovered.merge(payout.id(), taken, BigDecimal::add);
				if (taken.compareTo(debt.left()) < 0) {
					debts.addFirst(new Open(debt.id(), debt.hostId(), debt.currency(), debt.left().subtract(taken)));
				}
			}
		}
		return recovered;
	}

	private void record(Open debt, PayoutRows.Made payout, BigDecimal amount, Instant now) {
		jdbc.sql("""
				insert into payout_deduction_recoveries (deduction_id, payout_id, host_id, currency, amount, created_at)
				values (:deduction, :payout, :host, :currency, :amount, :now)""")
			.param("deduction", debt.id())
			.param("payout", payout.id())
			.param("host", payout.hostId())
			.param("currency", payout.currency())
			.param("amount", amount)
			.param("now", Timestamp.from(now))
			.update();
	}
}
