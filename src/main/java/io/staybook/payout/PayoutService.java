package io.staybook.payout;

import io.staybook.shared.DomainException;
import io.staybook.shared.paging.Cursors;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who sees which payouts: a payout is its host's and the admins'; for anyone else it does not exist (404, as another
 * guest's booking or payment). Lists and summaries are the caller's own; admins see everyone's, or one host's with
 * {@code hostId}. REST and GraphQL both call these methods.
 */
@Service
public class PayoutService {

	/** The most rows one CSV export holds; a longer export is refused with a 400 asking for a narrower window. */
	static final int MAX_EXPORT_ROWS = 100_000;

	private final PayoutRows rows;

	private final PayoutSettings settings;

	PayoutService(PayoutRows rows, PayoutSettings settings) {
		this.rows = rows;
		this.settings = settings;
	}

	/**
	 * Newest first, cursor-paged.
	 *
	 * @param hostId admins: only this host's payouts (null: all); others may only name themselves
	 * @throws DomainException 403 {@code admin_only} when a non-admin names another host, 400 for a bad cursor
	 */
	@Transactional(readOnly = true)
	public Page<PayoutView> list(Actor actor, UUID hostId, PageRequest page) {
		List<PayoutView> found = rows.page(scope(actor, hostId), page.afterId(), page.fetchSize());
		return Page.of(found, page.limit(), payout -> Cursors.encode(payout.id()));
	}

	/** @throws DomainException 404 if there is no such payout or the caller is neither its host nor an admin */
	@Transactional(readOnly = true)
	public PayoutView get(Actor actor, UUID id) {
		return rows.find(id)
			.filter(payout -> actor.isSelfOrAdmin(payout.hostId()))
			.orElseThrow(() -> DomainException.notFound("Payout"));
	}

	/**
	 * Totals per currency and status of the payouts made in [from, to) (UTC days, each optional).
	 *
	 * @throws DomainException 400 unless {@code from < to}; 403 as {@link #list}
	 */
	@Transactional(readOnly = true)
	public PayoutSummary summary(Actor actor, UUID hostId, LocalDate from, LocalDate to) {
		checkWindow(from, to);
		return new PayoutSummary(from, to, rows.totals(scope(actor, hostId), from, to));
	}

	/**
	 * Every payout made in [from, to), oldest first: the rows of the CSV export.
	 *
	 * @throws DomainException 400 as {@link #summary}, or when the window holds more than {@value #MAX_EXPORT_ROWS}
	 */
	@Transactional(readOnly = true)
	public List<PayoutView> export(Actor actor, UUID hostId, LocalDate from, LocalDate to) {
		checkWindow(from, to);
		List<PayoutView> found = rows.made(scope(actor, hostId), from, to, MAX_EXPORT_ROWS + 1);
		if (found.size() > MAX_EXPORT_ROWS) {
			throw DomainException.invalidField("to",
					"the window holds more than " + MAX_EXPORT_ROWS + " payouts; export a shorter one");
		}
		return found;
	}

	/**
	 * The stays whose payout fell due before {@code dueBy} and was never made, whoever took their payment: by the
	 * sweep's own rule (the stays it would have paid out then, every provider's, with no lookback), those checking out
	 * on {@code checkedOutSince} or later, oldest due first, at most {@code max}. For the reconciliation; read in the
	 * caller's transaction.
	 *
	 * @param now what a stay past the sweep's lookback ({@link UnmadePayout#pastLookback()}) is judged at
	 */
	@Transactional(readOnly = true)
	public List<UnmadePayout> unmade(Instant now, Instant dueBy, LocalDate checkedOutSince, int max) {
		return rows.unmade(settings, now, dueBy, checkedOutSince, max);
	}

	/** Whose payouts the caller may list: their own, or (admins) anyone's. Null means everyone's. */
	private static UUID scope(Actor actor, UUID hostId) {
		if (actor.isAdmin()) {
			return hostId;
		}
		if (hostId != null && !actor.is(hostId)) {
			throw DomainException.forbidden("admin_only", "Only admins may list another host's payouts.");
		}
		return actor.id();
	}

	private static void checkWindow(LocalDate from, LocalDate to) {
		if (from != null && to != null && !from.isBefore(to)) {
			throw DomainException.invalidField("to", "must be after from");
		}
	}
}
