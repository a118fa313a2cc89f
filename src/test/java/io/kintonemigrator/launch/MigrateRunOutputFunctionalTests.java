package io.kintonemigrator.launch;

import io.kintonemigrator.MigratorCli;
import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.MigrationApps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate} from the command line: the summary table, the reports under
 * {@code --reports-dir}, bad options.
 */
class MigrateRunOutputFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void aRunEndsWithTheSummaryTableAndWritesTheReportsOfItsExecution() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 6, Set.of(3)).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "reports-run", "replace", 4);
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();

			int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
					job.toString(), "--database", "jdbc:h2:file:" + tmp.resolve("db/batch"), "--reports-dir",
					tmp.resolve("out").toString(), "--progress-interval", "0");

			assertThat(exitCode).as(out + "\n" + err).isZero();
			long files = MigrationApps.sourceAttachmentCount(emulator);
			long skipped = emulator.record(1, 3).orElseThrow().allFiles().size();
			long counted = MigrationApps.countedRequests(emulator, 1);
			assertThat(out.toString()).contains("| status             | COMPLETED")
				.contains("| records read       | 6 of 6 left at the start")
				.contains("| files moved        | " + (files - skipped) + " (")
				.contains("| files skipped      | " + skipped)
				.contains("| requests, source   | " + counted + " counted + "
						+ (MigrationApps.requestsWithToken(emulator, MigrationApps.SOURCE_TOKEN) - counted)
						+ " not counted by kintone (")
				.doesNotContain("progress:");
			Path dir = tmp.resolve("out/reports-run/1");
			assertThat(out.toString()).contains("Reports: " + dir.resolve("attachments.csv"));

			List<Map<String, String>> rows = csv(dir.resolve("attachments.csv"));
			assertThat(rows).hasSize((int) files);
			assertThat(rows).filteredOn(row -> row.get("outcome").equals("SKIPPED"))
				.hasSize((int) skipped)
				.allSatisfy(row -> assertThat(row.get("error")).contains("no target record has legacy_id = 3"));
			assertThat(rows).filteredOn(row -> row.get("outcome").equals("ATTACHED"))
				.allSatisfy(row -> assertThat(row.get("sha256")).hasSize(64));
			assertThat(rows).extracting(row -> row.get("file_name")).contains("報告書_1.pdf", "図面_2.png");

			JsonNode summary = JsonMapper.builder().build().readTree(dir.resolve("summary.json").toFile());
			assertThat(summary.path("status").asString()).isEqualTo("COMPLETED");
			assertThat(summary.path("filesMoved").asLong()).isEqualTo(files - skipped);
			assertThat(summary.path("recordsRead").asLong()).isEqualTo(6);
		}
	}

	@Test
	void aBadProgressIntervalIsOneLineAndExitTwo() throws Exception {
		Path job = Files.writeString(tmp.resolve("job.yml"), "name: x\n");
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
				job.toString(), "--progress-interval", "often");

		assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
		assertThat(err.toString().lines()).singleElement()
			.isEqualTo("--progress-interval: 'often' is not a duration; use e.g. 10s, 500ms or 1m (0 = no progress)");
	}

	private static List<Map<String, String>> csv(Path file) throws Exception {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF");
		try (MappingIterator<Map<String, String>> rows = CsvMapper.builder()
			.build()
			.readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader())
			.readValues(text.substring(1))) {
			return rows.readAll();
		}
	}

}
