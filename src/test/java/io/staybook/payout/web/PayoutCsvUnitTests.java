package io.staybook.payout.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.payout.PayoutStatus;
import io.staybook.payout.PayoutView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The CSV export's cells (OWASP's CSV-injection rule) and the choice between CSV and JSON by {@code Accept}. */
class PayoutCsvUnitTests {

	@Test
	void cellsASpreadsheetWouldReadAsFormulasArePrefixedWithAQuote() {
		assertThat(PayoutCsv.cell("=1+2")).isEqualTo("'=1+2");
		assertThat(PayoutCsv.cell("+1")).isEqualTo("'+1");
		assertThat(PayoutCsv.cell("-1")).isEqualTo("'-1");
		assertThat(PayoutCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(PayoutCsv.cell("\tx")).isEqualTo("'\tx");
		assertThat(PayoutCsv.cell("\rx")).isEqualTo("'\rx");
		assertThat(PayoutCsv.cell("tr_1Sok1")).isEqualTo("tr_1Sok1");
		assertThat(PayoutCsv.cell("218.98")).isEqualTo("218.98");
		assertThat(PayoutCsv.cell(null)).isEmpty();
	}

	@Test
	void everyCellIsQuotedUnderAHeaderRow() {
		UUID id = UUID.fromString("0193a0b0-0000-7000-8000-000000000001");
		PayoutView payout = new PayoutView(id, id, id, new BigDecimal("218.98"), new BigDecimal("12.50"), "USD", PayoutStatus.PENDING,
				"=cmd|' /C calc'!A0", Instant.parse("2026-11-30T10:15:30Z"), null);

		String csv = PayoutCsv.write(List.of(payout));

		assertThat(csv.lines().toList()).containsExactly(
				"\"id\",\"booking_id\",\"host_id\",\"amount\",\"currency\",\"status\",\"provider_reference\",\"created_at\",\"paid_at\",\"deducted\"",
				"\"" + id + "\",\"" + id + "\",\"" + id
						+ "\",\"218.98\",\"USD\",\"pending\",\"'=cmd|' /C calc'!A0\",\"2026-11-30T10:15:30Z\",\"\",\"12.50\"");
	}

	@Test
	void csvOnlyWhenTheClientPrefersIt() {
		assertThat(PayoutController.wantsCsv("text/csv")).isTrue();
		assertThat(PayoutController.wantsCsv("text/csv, application/json;q=0.5")).isTrue();
		assertThat(PayoutController.wantsCsv("application/json, text/csv;q=0.5")).isFalse();
		assertThat(PayoutController.wantsCsv("application/json, text/csv")).isFalse();
		assertThat(PayoutController.wantsCsv("*/*")).isFalse();
		assertThat(PayoutController.wantsCsv(null)).isFalse();
		assertThat(PayoutController.wantsCsv("not a type")).isFalse();
		assertThat(PayoutController.wantsCsv("text/csv;q=0")).isFalse();
	}
}
