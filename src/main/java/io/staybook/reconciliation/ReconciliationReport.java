package io.staybook.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A run of the reconciliation: when, over how many bookings, and every discrepancy found. */
@Schema(name = "ReconciliationReport")
public record ReconciliationReport(Instant checkedAt, int bookingsChecked, List<Discrepancy> discrepancies) {

	/** How many discrepancies of each kind (kinds with none are absent). */
	Map<String, Integer> counts() {
		Map<String, Integer> counts = new TreeMap<>();
		discrepancies.forEach(d -> counts.merge(d.kind().code(), 1, Integer::sum));
		return counts;
	}
}
