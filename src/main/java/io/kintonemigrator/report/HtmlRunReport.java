package io.kintonemigrator.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.migration.RunProgress.Sample;

import org.jspecify.annotations.Nullable;

/**
 * Writes {@code report.html}: one self-contained page (no script, no external style, font
 * or image, so it opens offline and can be mailed) with the summary, throughput and
 * concurrency over time as inline SVG, the skipped files with their reasons and a table
 * per source record. Every text from kintone or the job (file names, errors, job name) is
 * HTML-escaped by the template engine (Mustache). The per-record table shows at most
 * {@link #MAX_RECORD_ROWS} records; {@code attachments.csv} has them all.
 */
final class HtmlRunReport {

	static final String FILE_NAME = "report.html";

	static final int MAX_RECORD_ROWS = 5_000;

	private static final String TEMPLATE = "run-report.html.mustache";

	private final Template template = compile();

	/** Writes the page to {@code file}. */
	void write(Path file, RunSummary summary, List<LedgerEntry> ledger, List<Sample> samples) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			template.execute(model(summary, ledger, samples), writer);
		}
	}

	static Map<String, Object> model(RunSummary summary, List<LedgerEntry> ledger, List<Sample> samples) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("job", summary.job());
		model.put("executionId", summary.executionId());
		model.put("status", summary.status());
		model.put("stopReason", summary.stopReason());
		model.put("summaryRows",
				SummaryTable.rows(summary).stream().map(row -> Map.of("name", row[0], "value", row[1])).toList());
		List<ProgressChart.Point> points = ProgressChart.points(samples);
		model.put("hasSamples", !points.isEmpty());
		model.put("sampleCount", points.size());
		model.put("throughputChart", ProgressChart.throughput(points));
		model.put("concurrencyChart", ProgressChart.concurrency(points));
		List<Map<String, Object>> skipped = ledger.stream()
			.filter(entry -> entry.status() == LedgerStatus.SKIPPED)
			.map(HtmlRunReport::skippedRow)
			.toList();
		model.put("skipped", skipped);
		model.put("skippedCount", skipped.size());
		model.put("hasSkipped", !skipped.isEmpty());
		List<Map<String, Object>> records = recordRows(ledger);
		model.put("records", records.subList(0, Math.min(records.size(), MAX_RECORD_ROWS)));
		model.put("recordCount", records.size());
		model.put("recordsCut", records.size() > MAX_RECORD_ROWS);
		model.put("maxRecordRows", MAX_RECORD_ROWS);
		return model;
	}

	private static Map<String, Object> skippedRow(LedgerEntry entry) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("record", entry.ref().sourceRecord());
		row.put("field", entry.ref().sourceField());
		row.put("row", entry.ref().sourceRow());
		row.put("fileName", entry.fileName());
		row.put("size", Bytes.format(entry.size()));
		row.put("reason", Objects.requireNonNullElse(entry.error(), ""));
		return row;
	}

	/** One row per source record of the ledger, in the ledger's order. */
	private static List<Map<String, Object>> recordRows(List<LedgerEntry> ledger) {
		Map<Long, RecordTotals> byRecord = new LinkedHashMap<>();
		for (LedgerEntry entry : ledger) {
			byRecord.computeIfAbsent(entry.ref().sourceRecord(), RecordTotals::new).add(entry);
		}
		List<Map<String, Object>> rows = new ArrayList<>(byRecord.size());
		for (RecordTotals totals : byRecord.values()) {
			rows.add(totals.row());
		}
		return rows;
	}

	/** What the ledger holds about one source record. */
	private static final class RecordTotals {

		private final long sourceRecord;

		private @Nullable Long targetRecord;

		private long attached;

		private long attachedBytes;

		private long skipped;

		private long inProgress;

		RecordTotals(long sourceRecord) {
			this.sourceRecord = sourceRecord;
		}

		void add(LedgerEntry entry) {
			if (entry.targetRecord() != null) {
				targetRecord = entry.targetRecord();
			}
			switch (entry.status()) {
				case ATTACHED -> {
					attached++;
					attachedBytes += entry.size();
				}
				case SKIPPED -> skipped++;
				default -> inProgress++;
			}
		}

		Map<String, Object> row() {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("sourceRecord", sourceRecord);
			row.put("targetRecord", targetRecord == null ? "" : targetRecord);
			row.put("attached", attached);
			row.put("bytes", Bytes.format(attachedBytes));
			row.put("skipped", skipped);
			row.put("inProgress", inProgress);
			row.put("outcome", inProgress > 0 ? "IN_PROGRESS"
					: skipped > 0 ? (attached > 0 ? "PARTLY_SKIPPED" : "SKIPPED") : "ATTACHED");
			return row;
		}

	}

	private static Template compile() {
		try (InputStream in = HtmlRunReport.class.getResourceAsStream(TEMPLATE)) {
			if (in == null) {
				throw new IllegalStateException("the report template " + TEMPLATE + " is missing from the jar");
			}
			try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
				return Mustache.compiler().defaultValue("").compile(reader);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
