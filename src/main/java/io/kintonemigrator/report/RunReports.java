package io.kintonemigrator.report;

import org.jspecify.annotations.Nullable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.migration.RunProgress.Sample;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/**
 * Writes the reports of one execution to {@code <reports dir>/<job>/<execution id>/}:
 * <ul>
 * <li>{@code attachments.csv}: one row per attachment of the job's ledger as it stands
 * after this execution, in UTF-8 with a byte order mark and CRLF line ends (so Excel
 * opens Japanese names correctly); quoting is Jackson's CSV dataformat's;</li>
 * <li>{@code summary.json}: the {@link RunSummary};</li>
 * <li>{@code report.html}: the same for a browser, with throughput and concurrency over
 * time ({@link HtmlRunReport}).</li>
 * </ul>
 * Holds no secret: the ledger and the summary have none.
 */
final class RunReports {

	static final String ATTACHMENTS_CSV = "attachments.csv";

	static final String SUMMARY_JSON = "summary.json";

	static final List<String> COLUMNS = List.of("source_app", "source_record", "source_field", "source_row",
			"file_index", "file_name", "size", "sha256", "target_record", "target_field", "outcome", "error");

	private static final CsvSchema SCHEMA = CsvSchema.builder()
		.addColumns(COLUMNS, CsvSchema.ColumnType.STRING)
		.setUseHeader(true)
		.setLineSeparator("\r\n")
		.build();

	private final CsvMapper csv = CsvMapper.builder().enable(CsvWriteFeature.ALWAYS_QUOTE_EMPTY_STRINGS).build();

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Path reportsDir;

	RunReports(Path reportsDir) {
		this.reportsDir = reportsDir;
	}

	/**
	 * Writes the files and returns the directory they are in; {@code samples} are this
	 * process's samples of the execution's step over time (may be empty).
	 */
	Path write(RunSummary summary, List<LedgerEntry> ledger, List<Sample> samples) throws IOException {
		Path dir = reportsDir.resolve(directoryName(summary.job())).resolve(Long.toString(summary.executionId()));
		Files.createDirectories(dir);
		writeAttachments(dir.resolve(ATTACHMENTS_CSV), ledger);
		json.writeValue(dir.resolve(SUMMARY_JSON).toFile(), summary);
		new HtmlRunReport().write(dir.resolve(HtmlRunReport.FILE_NAME), summary, ledger, samples);
		return dir;
	}

	private void writeAttachments(Path file, List<LedgerEntry> ledger) throws IOException {
		try (Writer writer = new BufferedWriter(
				new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
			writer.write('\uFEFF'); // the BOM tells Excel the file is UTF-8
			try (SequenceWriter rows = csv.writer(SCHEMA).writeValues(writer)) {
				for (LedgerEntry entry : ledger) {
					rows.write(row(entry));
				}
			}
		}
	}

	private static List<String> row(LedgerEntry entry) {
		return Arrays.asList(Long.toString(entry.ref().sourceApp()), Long.toString(entry.ref().sourceRecord()),
				entry.ref().sourceField(), entry.ref().sourceRow(), Integer.toString(entry.fileIndex()),
				entry.fileName(), Long.toString(entry.size()), text(entry.sha256()), text(entry.targetRecord()),
				text(entry.targetField()), outcome(entry.status()), text(entry.error()));
	}

	/**
	 * ATTACHED, SKIPPED, or IN_PROGRESS for an update a stop or crash left undecided (the
	 * next run settles it).
	 */
	static String outcome(LedgerStatus status) {
		return status == LedgerStatus.INTENT ? "IN_PROGRESS" : status.name();
	}

	private static String text(@Nullable Object value) {
		return value == null ? "" : value.toString();
	}

	/**
	 * The job name as one directory level: path separators and characters Windows refuses
	 * become '_'.
	 */
	static String directoryName(String job) {
		String name = job.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
		return name.isEmpty() || name.equals(".") || name.equals("..") ? "_" : name;
	}

}
