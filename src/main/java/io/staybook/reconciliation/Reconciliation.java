package io.staybook.reconciliation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the reconciliation and keeps its reports. R1 to R6 and R8 are read in one repeatable-read snapshot, so that a booking
 * and its payment are seen at the same moment; R7 asks the provider afterwards, outside any transaction. Each report is
 * stored ({@code reconciliation_reports}, the last {@link ReconciliationSettings#keepReports()}), so that every node
 * serves and counts the same last report: the last written (its UUIDv7 id is ordered by the system clock), whatever
 * the {@code checked_at} of the application's clock says.
 */
@Service
public class Reconciliation {

	private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

	private static final TypeReference<List<Discrepancy>> DISCREPANCIES = new TypeReference<>() {
	};

	private final LedgerChecks ledger;

	private final ProviderChecks provider;

	private final ReconciliationSettings settings;

	private final ReconciliationMetrics metrics;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionTemplate snapshot;

	private final TransactionTemplate writes;

	private final Clock clock;

	Reconciliation(LedgerChecks ledger, ProviderChecks provider, ReconciliationSettings settings,
			ReconciliationMetrics metrics, JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions,
			Clock clock) {
		this.ledger = ledger;
		this.provider = provider;
		this.settings = settings;
		this.metrics = metrics;
		this.jdbc = jdbc;
		this.json = json;
		// one snapshot for every check; its isolation is set inside the transaction (see snapshot()), not on the
		// connection: JDBC's setTransactionIsolation is a session-wide SET, which PgBouncer in transaction mode runs on
		// whichever server connection is free and leaves there for other requests' transactions
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.writes = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/** Checks every invariant now, stores the report and publishes its counts. */
	public ReconciliationReport run() {
		Instant now = clock.instant();
		record Read(int bookings, List<Discrepancy> found, List<ProviderChecks.Recorded> recorded) {
		}
		Read read = snapshot.execute(status -> {
			jdbc.sql("set transaction isolation level repeatable read").update();
			List<Discrepancy> ledgers = new ArrayList<>(ledger.run(now.minus(settings.grace()),
					now.minus(settings.deductionOverdueAfter()), settings.maxPerKind()));
			ledgers.addAll(ledger.missingPayouts(now, now.minus(settings.grace()), now.minus(settings.payoutWindow()),
					provider.provider(), settings.maxPerKind()));
			return new Read(ledger.bookings(), ledgers,
					ledger.chargedSince(provider.provider(), now.minus(settings.providerWindow()),
							settings.providerChecks()));
		});
		List<Discrepancy> found = new ArrayList<>(read.found());
		found.addAll(provider.run(read.recorded()).stream().limit(settings.maxPerKind() * 2L).toList());
		ReconciliationReport report = new ReconciliationReport(now, read.bookings(), List.copyOf(found));
		writes.executeWithoutResult(status -> store(report));
		metrics.publish(report.counts(), clock.instant());
		if (!found.isEmpty()) {
			log.warn("Reconciliation found {} discrepancies: {}", found.size(), report.counts());
		}
		return report;
	}

	/** The last stored report, if any run has finished. */
	public Optional<ReconciliationReport> latest() {
		return jdbc.sql("""
				select checked_at, bookings_checked, discrepancies::text from reconciliation_reports
				order by id desc limit 1""")
			.query((rs, row) -> new ReconciliationReport(rs.getTimestamp(1).toInstant(), rs.getInt(2),
					json.readValue(rs.getString(3), DISCREPANCIES)))
			.optional();
	}

	private void store(ReconciliationReport report) {
		jdbc.sql("""
				insert into reconciliation_reports (id, checked_at, bookings_checked, discrepancies)
				values (:id, :checkedAt, :bookings, cast(:discrepancies as jsonb))""")
			.param("id", io.staybook.shared.Ids.newId())
			.param("checkedAt", Timestamp.from(report.checkedAt()))
			.param("bookings", report.bookingsChecked())
			.param("discrepancies", json.writeValueAsString(report.discrepancies()))
			.update();
		jdbc.sql("""
				delete from reconciliation_reports where id not in
				    (select id from reconciliation_reports order by id desc limit :keep)""")
			.param("keep", settings.keepReports())
			.update();
	}
}
