package io.staybook.reconciliation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.staybook.reconciliation.Discrepancy.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code staybook.reconciliation.discrepancies}, one series per kind (tag {@code kind}), counting the last
 * stored report's discrepancies. A node that did not run that report reads its counts from the database, at most once a
 * minute, when the gauge is scraped; so every node reports the same numbers within a minute.
 */
@Component
class ReconciliationMetrics {

	static final String NAME = "staybook.reconciliation.discrepancies";

	private static final Logger log = LoggerFactory.getLogger(ReconciliationMetrics.class);

	private static final Duration STALE = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Map<String, Integer> counts = Map.of();

	private volatile Instant loadedAt = Instant.MIN;

	ReconciliationMetrics(MeterRegistry registry, JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		for (Kind kind : Kind.values()) {
			Gauge.builder(NAME, this, metrics -> metrics.count(kind))
				.tag("kind", kind.code())
				.description("Discrepancies of this kind found by the last reconciliation")
				.register(registry);
		}
	}

	void publish(Map<String, Integer> latest, Instant at) {
		counts = Map.copyOf(latest);
		loadedAt = at;
	}

	private double count(Kind kind) {
		Instant now = clock.instant();
		if (loadedAt.isBefore(now.minus(STALE))) {
			try {
				publish(stored(), now);
			}
			catch (RuntimeException ex) {
				log.warn("Could not read the last reconciliation report's counts: {}", ex.toString());
			}
		}
		return counts.getOrDefault(kind.code(), 0);
	}

	private Map<String, Integer> stored() {
		return jdbc.sql("""
				select d ->> 'kind' as kind, count(*)::int as n
				from (select discrepancies from reconciliation_reports order by id desc limit 1) r
				cross join jsonb_array_elements(r.discrepancies) d
				group by 1""")
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}
}
