package io.staybook.payout.web;

import io.staybook.payout.PayoutView;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Payouts as CSV (RFC 4180, by Apache Commons CSV): a header row, then one row per payout, every cell quoted; the
 * last column, {@code deducted}, is what was taken off the payout to recover earlier refunds (added after the others,
 * so that a reader by position keeps working).
 * Safe to open in a spreadsheet (OWASP, "CSV Injection"): a cell that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return is prefixed with a single quote, so that it is read as text, never as a
 * formula.
 */
final class PayoutCsv {

	static final String MEDIA_TYPE = "text/csv";

	static final String[] HEADER = { "id", "booking_id", "host_id", "amount", "currency", "status",
			"provider_reference", "created_at", "paid_at", "deducted" };

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader(HEADER)
		.setQuoteMode(QuoteMode.ALL)
		.get();

	private PayoutCsv() {
	}

	static String write(List<PayoutView> payouts) {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
			for (PayoutView p : payouts) {
				printer.printRecord(cell(p.id()), cell(p.bookingId()), cell(p.hostId()), cell(p.amount().toPlainString()),
						cell(p.currency()), cell(p.status().json()), cell(p.providerReference()), cell(p.createdAt()),
						cell(p.paidAt()), cell(p.deducted().toPlainString()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	/** The cell's text, defused if a spreadsheet would take it for a formula; empty for null. */
	static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return text;
	}
}
