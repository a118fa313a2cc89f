package io.kintonemigrator.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints a {@link RunSummary} as a two-column table, one line per figure. */
final class SummaryTable {

	private SummaryTable() {
	}

	static void print(RunSummary summary, PrintWriter out) {
		List<String[]> rows = rows(summary);
		int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
		int valueWidth = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
		String rule = "+" + "-".repeat(width + 2) + "+" + "-".repeat(valueWidth + 2) + "+";
		out.println(rule);
		for (String[] row : rows) {
			out.println("| " + pad(row[0], width) + " | " + pad(row[1], valueWidth) + " |");
		}
		out.println(rule);
		out.flush();
	}

	/** The table's rows: name, value (also the HTML report's summary). */
	static List<String[]> rows(RunSummary summary) {
		List<String[]> rows = new ArrayList<>();
		rows.add(row("job", summary.job() + " (execution " + summary.executionId() + ")"));
		rows.add(row("status", summary.status()));
		rows.add(row("wall time", Durations.format(summary.wallSeconds())));
		rows.add(row("records read", summary.recordsRead()
				+ (summary.recordsToRead() >= 0 ? " of " + summary.recordsToRead() + " left at the start" : "")));
		rows.add(row("records updated", Long.toString(summary.recordsUpdated())));
		rows.add(row("records skipped", Long.toString(summary.recordsSkipped())));
		rows.add(row("files moved", summary.filesMoved() + " (" + Bytes.format(summary.bytesMoved()) + ")"));
		rows.add(row("files skipped", Long.toString(summary.filesSkipped())));
		rows.add(row("rate", summary.filesPerSecond() + " files/s, " + summary.megabytesPerSecond() + " MB/s"));
		rows.add(row("retries", Long.toString(summary.retries())));
		if (!summary.concurrency().atEnd().isEmpty()) {
			rows.add(row("concurrency",
					summary.concurrency().atEnd() + " at the end, lowest " + summary.concurrency().lowest()));
		}
		rows.add(row("requests, source", requests(summary.source())));
		rows.add(row("requests, target", requests(summary.target())));
		rows.add(row("job total attached",
				summary.ledger().attached() + " (" + Bytes.format(summary.ledger().attachedBytes()) + ")"));
		rows.add(row("job total skipped",
				summary.ledger().skipped() + " in " + summary.ledger().skippedRecords() + " record(s)"));
		return rows;
	}

	/** "12 counted + 182 not counted by kintone (host:port/app)". */
	private static String requests(RunSummary.AppRequests requests) {
		return requests.requests() + " counted + " + requests.uncountedRequests() + " not counted by kintone ("
				+ requests.app() + ")";
	}

	private static String[] row(String name, String value) {
		return new String[] { name, value };
	}

	private static String pad(String text, int width) {
		return text + " ".repeat(Math.max(0, width - text.length()));
	}

}
