package io.kintonemigrator.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.ledger.AttachmentRef;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * attachments.csv and summary.json, read back the way a spreadsheet or a script would.
 */
class RunReportsTests {

	@TempDir
	Path tmp;

	private static final List<String> NAMES = List.of("見積書, 最終版.pdf", "He said \"hi\".txt", "two\r\nlines.txt",
			"図面_α β.png", "plain.pdf");

	@Test
	void theCsvHasABomCrlfLineEndsAndOneRowPerAttachmentThatParsesBackExactly() throws Exception {
		List<LedgerEntry> ledger = List.of(attached(1, NAMES.get(0), 0), attached(1, NAMES.get(1), 1),
				attached(2, NAMES.get(2), 0),
				LedgerEntry.skipped(new AttachmentRef(7, 3, "items.drawing", "4711", NAMES.get(3), 99, 0), 0, "k",
						new LedgerEntry.Target("t", 30L, "lines.drawing"), "file is over 1 GB, says \"kintone\"", "fp"),
				new LedgerEntry(new AttachmentRef(7, 4, "attachments", "", NAMES.get(4), 5, 0), 0, "k", "ab",
						new LedgerEntry.Target("t", 40L, "documents"),
						new LedgerEntry.Intent(3L, 1, 1, "upload-key", Instant.EPOCH), LedgerStatus.INTENT, 1, null,
						"fp"));

		Path dir = new RunReports(tmp.resolve("reports")).write(summary("契約/移行:2026"), ledger, List.of());

		assertThat(dir).isEqualTo(tmp.resolve("reports").resolve("契約_移行_2026").resolve("42"));
		byte[] bytes = Files.readAllBytes(dir.resolve("attachments.csv"));
		assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
		String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
		assertThat(text).startsWith(String.join(",", RunReports.COLUMNS) + "\r\n");
		// every line break outside a quoted value is CRLF
		assertThat(text.replace("two\r\nlines", "")).doesNotContainPattern("[^\r]\n");

		List<Map<String, String>> rows = read(text);
		assertThat(rows).hasSize(5);
		assertThat(rows).extracting(row -> row.get("file_name")).containsExactlyElementsOf(NAMES);
		assertThat(rows.get(0)).containsEntry("source_record", "1")
			.containsEntry("source_field", "attachments")
			.containsEntry("source_row", "")
			.containsEntry("file_index", "0")
			.containsEntry("size", "100")
			.containsEntry("sha256", "a".repeat(64))
			.containsEntry("target_record", "10")
			.containsEntry("target_field", "documents")
			.containsEntry("outcome", "ATTACHED")
			.containsEntry("error", "");
		assertThat(rows.get(3)).containsEntry("source_row", "4711")
			.containsEntry("outcome", "SKIPPED")
			.containsEntry("error", "file is over 1 GB, says \"kintone\"");
		assertThat(rows.get(4)).containsEntry("outcome", "IN_PROGRESS");
		assertThat(text).doesNotContain("upload-key");
	}

	@Test
	void theSummaryJsonHoldsTheExecutionsFigures() throws Exception {
		Path dir = new RunReports(tmp).write(summary("job"), List.of(), List.of());

		JsonNode json = JsonMapper.builder().build().readTree(dir.resolve("summary.json").toFile());
		assertThat(json.path("job").asString()).isEqualTo("job");
		assertThat(json.path("executionId").asLong()).isEqualTo(42);
		assertThat(json.path("status").asString()).isEqualTo("STOPPED");
		assertThat(json.path("stopReason").asString()).contains("budget");
		assertThat(json.path("filesMoved").asLong()).isEqualTo(12);
		assertThat(json.path("bytesMoved").asLong()).isEqualTo(3_000_000);
		assertThat(json.path("source").path("requests").asLong()).isEqualTo(30);
		assertThat(json.path("source").path("uncountedRequests").asLong()).isEqualTo(12);
		assertThat(json.path("target").path("app").asString()).isEqualTo("localhost:8080/2");
		assertThat(json.path("ledger").path("attached").asLong()).isEqualTo(20);
		assertThat(json.path("concurrency").path("atEnd").asString()).isEqualTo("37/50");
		assertThat(json.path("concurrency").path("lowest").asLong()).isEqualTo(12);
		assertThat(Files.readAllLines(dir.resolve("attachments.csv"), StandardCharsets.UTF_8)).hasSize(1);
	}

	@Test
	void aJobNameBecomesOneSafeDirectoryLevel() {
		assertThat(RunReports.directoryName("a/b\\c:d")).isEqualTo("a_b_c_d");
		assertThat(RunReports.directoryName("..")).isEqualTo("_");
		assertThat(RunReports.directoryName("契約の移行")).isEqualTo("契約の移行");
	}

	private static List<Map<String, String>> read(String csv) throws Exception {
		CsvMapper mapper = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY).build();
		try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader())
			.readValues(csv)) {
			return rows.readAll();
		}
	}

	private static LedgerEntry attached(long record, String name, int index) {
		return new LedgerEntry(new AttachmentRef(7, record, "attachments", "", name, 100, 0), index, "k",
				"a".repeat(64), new LedgerEntry.Target("t", record * 10, "documents"),
				new LedgerEntry.Intent(1L, 1, 1, "key-" + record, Instant.EPOCH), LedgerStatus.ATTACHED, 1, null, "fp");
	}

	static RunSummary summary(String job) {
		return new RunSummary(job, 42, "STOPPED", "Stopped before the daily request budget would be passed",
				Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:01:00Z"), 60, 100, 40, 12, 1, 12, 2,
				3_000_000, 3, new RunSummary.AppRequests("localhost:8080/1", 30, 12),
				new RunSummary.AppRequests("localhost:8080/2", 31, 13), 0.2, 0.05,
				new RunSummary.LedgerTotals(20, 5_000_000, 2, 1), new RunSummary.Concurrency("37/50", 12));
	}

}
