package io.kintonemigrator.launch;

import static io.kintonemigrator.testsupport.CommandRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Result;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.IncrementalApps;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The numbers a run shows agree and say what they count (issue 15, item 6): the execution
 * id after a kill is the next number (it names the reports' folder), the summary line,
 * the summary table, {@code summary.json}, {@code attachments.csv} and {@code status}
 * (text and JSON) give the same figures for the same thing, and an incremental run counts
 * the records it reads, not every record of the app.
 */
class RunNumbersFunctionalTests {

	private static final int RECORDS = 13;

	/** A source record whose target record does not exist: its files are skipped. */
	private static final int MISSING_TARGET = 5;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path tmp;

	@Test
	void afterAKillTheNextExecutionIdIsTheNextNumberAndEveryFigureAgrees() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of(MISSING_TARGET)).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "numbers", "append", 3);
			Path reports = tmp.resolve("reports");

			// a child killed like SIGKILL after kintone accepted the second chunk's
			// update
			Result killed = migrate(job, reports, "-Dkam.test.killAfterUpdate=2");
			assertThat(killed.exitCode()).as(killed.output()).isEqualTo(137);
			Result resumed = migrate(job, reports);
			assertThat(resumed.exitCode()).as(resumed.output()).isZero();
			String output = resumed.output();

			JsonNode status = JSON.readTree(status("--json", "--job", job.toString()).out());
			JsonNode executions = status.path("jobs").get(0).path("executions");
			assertThat(executions).hasSize(2);
			long first = executions.get(0).path("id").asLong();
			long second = executions.get(1).path("id").asLong();
			assertThat(second).as("the execution after the killed one").isEqualTo(first + 1);
			assertThat(output).contains("| job                | numbers (execution " + second + ")");
			Path folder = reports.resolve("numbers").resolve(Long.toString(second));
			try (Stream<Path> folders = Files.list(reports.resolve("numbers"))) {
				assertThat(folders.map(Path::getFileName).map(Path::toString).toList())
					.containsExactly(Long.toString(second));
			}

			// this execution: the table, summary.json and status agree
			JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
			JsonNode migrate = executions.get(1).path("migrate");
			long filesMoved = row(output, "files moved");
			long recordsUpdated = row(output, "records updated");
			long recordsSkipped = row(output, "records skipped");
			long filesSkipped = row(output, "files skipped");
			assertThat(recordsSkipped).as("record %d has no target", MISSING_TARGET).isEqualTo(1);
			int skipped = MigrationApps.sourceDocuments(emulator, MISSING_TARGET).size()
					+ MigrationApps.sourceDrawings(emulator, MISSING_TARGET).size();
			assertThat(filesSkipped).isEqualTo(skipped);
			assertThat(summary.path("filesMoved").asLong()).isEqualTo(filesMoved);
			assertThat(summary.path("recordsUpdated").asLong()).isEqualTo(recordsUpdated);
			assertThat(summary.path("recordsSkipped").asLong()).isEqualTo(recordsSkipped);
			assertThat(summary.path("filesSkipped").asLong()).isEqualTo(filesSkipped);
			assertThat(migrate.path("filesMoved").asLong()).isEqualTo(filesMoved);
			assertThat(migrate.path("recordsUpdated").asLong()).isEqualTo(recordsUpdated);
			assertThat(migrate.path("recordsSkipped").asLong()).isEqualTo(recordsSkipped);
			assertThat(migrate.path("filesSkipped").asLong()).isEqualTo(filesSkipped);
			assertThat(status("--job", job.toString()).out()).contains("execution " + second + "  COMPLETED")
				.contains(", updated " + recordsUpdated + ", skipped " + recordsSkipped + ", ")
				.contains("; files moved " + filesMoved + " (");

			// the job, all executions: the summary line, the table, summary.json and
			// the CSV agree
			int attached = MigrationApps.sourceAttachmentCount(emulator) - skipped;
			assertThat(output).contains("Job 'numbers', all executions: " + attached + " attachment(s) attached (")
				.contains(", " + skipped + " skipped in 1 source record(s).");
			assertThat(row(output, "job total attached")).isEqualTo(attached);
			assertThat(summary.path("ledger").path("attached").asLong()).isEqualTo(attached);
			List<String> csv = Files.readAllLines(folder.resolve("attachments.csv"), StandardCharsets.UTF_8);
			assertThat(csv.stream().filter(line -> line.contains(",ATTACHED,"))).hasSize(attached);
			assertThat(csv.stream().filter(line -> line.contains(",SKIPPED,"))).hasSize(skipped);
			// what each execution moved adds up to the job's total
			assertThat(executions.get(0).path("migrate").path("filesMoved").asLong() + filesMoved).isEqualTo(attached);
		}
	}

	@Test
	void anIncrementalRunCountsTheRecordsItReadsNotEveryRecordOfTheApp() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(IncrementalApps.seed(6, 6))
			.start(); IncrementalApps.Editor editor = new IncrementalApps.Editor(emulator, tmp)) {
			Path job = IncrementalApps.jobFile(tmp, emulator, "numbers-incremental", "append");
			CommandRun full = migrateInProcess(job);
			assertThat(full.exitCode()).as(full.all()).isZero();
			assertThat(full.out()).contains("| records read       | 6 of 6 left at the start");

			editor.addFile(2, "追加資料.txt", "added to record 2");
			CommandRun incremental = migrateInProcess(job, "--since-last-run");

			assertThat(incremental.exitCode()).as(incremental.all()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(incremental.out()).contains("| records read       | 1 of 1 left at the start")
				.contains("| files moved        | 1 (");
		}
	}

	/** The number that starts the value of a summary table row. */
	private static long row(String output, String name) {
		Matcher matcher = Pattern.compile("\\| " + Pattern.quote(name) + " +\\| ([0-9]+)").matcher(output);
		assertThat(matcher.find()).as(name + " in " + output).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private Result migrate(Path job, Path reports, String... options) throws Exception {
		return ChildJvm.migrator()
			.jvmOptions(ChildJvm.migratorOptions(TestDatabase.h2(tmp.resolve("db/batch")), tmp.resolve("work")))
			.jvmOptions(options)
			.run(tmp.resolve("child.log"), "migrate", "--job", job.toString(), "--reports-dir", reports.toString(),
					"--progress-interval", "0");
	}

	private CommandRun migrateInProcess(Path job, String... options) {
		List<String> args = new ArrayList<>(List.of("migrate", "--job", job.toString(), "--database", database(),
				"--reports-dir", tmp.resolve("reports").toString(), "--progress-interval", "0"));
		args.addAll(List.of(options));
		return cli(args.toArray(String[]::new));
	}

	private CommandRun status(String... options) {
		List<String> args = new ArrayList<>(List.of("status", "--database", database()));
		args.addAll(List.of(options));
		return cli(args.toArray(String[]::new));
	}

	private String database() {
		return "jdbc:h2:file:" + tmp.resolve("db/batch");
	}

}
