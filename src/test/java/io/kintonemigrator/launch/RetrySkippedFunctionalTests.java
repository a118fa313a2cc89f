package io.kintonemigrator.launch;

import static io.kintonemigrator.testsupport.CommandRun.cli;
import static io.kintonemigrator.testsupport.MigrationApps.documents;
import static io.kintonemigrator.testsupport.MigrationApps.hashes;
import static io.kintonemigrator.testsupport.MigrationApps.line;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDocuments;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDrawings;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate --retry-skipped} against the emulator (issue 15, item 9): a record
 * skipped because its target record is missing is migrated, every file exactly once, once
 * the target record exists; only that record is read and moved; the skip is gone from the
 * ledger; and {@code migrate} without the flag keeps saying what it said.
 */
class RetrySkippedFunctionalTests {

	private static final int RECORDS = 7;

	private static final int MISSING = 4;

	@TempDir
	Path tmp;

	@Test
	void aRecordSkippedForAMissingTargetIsMigratedOnceTheTargetExists() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of(MISSING)).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "retry", "append", 3);
			int skippedFiles = sourceDocuments(emulator, MISSING).size() + sourceDrawings(emulator, MISSING).size();
			int allFiles = MigrationApps.sourceAttachmentCount(emulator);

			CommandRun first = migrate(job);
			assertThat(first.exitCode()).as(first.all()).isZero();
			String skippedLine = "all executions: " + (allFiles - skippedFiles) + " attachment(s) attached (";
			assertThat(first.out()).contains(skippedLine)
				.contains(skippedFiles + " skipped in 1 source record(s).")
				.contains("skipped: source record " + MISSING + " attachments '");

			// while the cause remains, a retry reads that record only and skips it again
			emulator.clearRequestLog();
			CommandRun tooEarly = migrate(job, "--retry-skipped");
			assertThat(tooEarly.exitCode()).as(tooEarly.all()).isZero();
			assertThat(tooEarly.out())
				.contains("Retrying the skipped attachments of job 'retry': 1 source record(s) (" + MISSING + ").")
				.contains("| records read       | 1 of 1 left at the start")
				.contains("| files skipped      | " + skippedFiles + " ")
				.contains(skippedFiles + " skipped in 1 source record(s).");
			assertThat(downloads(emulator)).isZero();

			// the user creates the missing target record
			createTarget(emulator, MISSING);

			// migrate without the flag says what it said before
			CommandRun plain = migrate(job);
			assertThat(plain.exitCode()).as(plain.all()).isZero();
			assertThat(plain.out()).contains("Job 'retry' already completed (execution ")
				.contains(skippedLine)
				.contains(skippedFiles + " skipped in 1 source record(s).");

			emulator.clearRequestLog();
			CommandRun retried = migrate(job, "--retry-skipped");

			assertThat(retried.exitCode()).as(retried.all()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(retried.out()).contains("| records read       | 1 of 1 left at the start")
				.contains("| files moved        | " + skippedFiles + " (")
				.contains("Job 'retry', all executions: " + allFiles + " attachment(s) attached (")
				.contains(", 0 skipped in 0 source record(s).")
				.doesNotContain("skipped: source record");
			assertThat(downloads(emulator)).as("only the skipped record's files move").isEqualTo(skippedFiles);
			assertEveryAttachmentExactlyOnce(emulator);

			// nothing left to retry; the job's own instance still says it completed
			emulator.clearRequestLog();
			CommandRun again = migrate(job, "--retry-skipped");
			assertThat(again.exitCode()).as(again.all()).isZero();
			assertThat(again.out()).contains("Job 'retry' has no skipped attachment to retry.");
			assertThat(emulator.requestLog()).isEmpty();
			CommandRun plainAfter = migrate(job);
			assertThat(plainAfter.out()).contains("Job 'retry' already completed (execution ")
				.contains(", 0 skipped in 0 source record(s).");
			assertEveryAttachmentExactlyOnce(emulator);
		}
	}

	@Test
	void theFlagCannotBeCombinedWithAnIncrementalOrScheduledRun() throws Exception {
		CommandRun run = cli("migrate", "--job", tmp.resolve("any.yml").toString(), "--retry-skipped",
				"--since-last-run");

		assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(run.err()).isEqualTo("--retry-skipped: it cannot be combined with --since-last-run; run migrate "
				+ "--retry-skipped on its own\n");
	}

	/**
	 * Every target record holds its source's documents exactly once (after the target's
	 * own, for every third record) and its drawings in row A-1.
	 */
	private static void assertEveryAttachmentExactlyOnce(KintoneEmulator emulator) {
		Map<Long, StoredRecord> targets = MigrationApps.targets(emulator);
		for (long i = 1; i < RECORDS; i++) {
			StoredRecord target = targets.get(i);
			List<String> expected = new ArrayList<>(sourceDocuments(emulator, i));
			if (i % 3 == 0 && i != MISSING) {
				expected.add(0, "既存_" + i + ".txt:" + Sha256.hex("existing " + i));
			}
			assertThat(documents(target)).as("documents of record %d", i).containsExactlyElementsOf(expected);
			assertThat(hashes(line(target, "A-1").files("drawing"))).as("drawings of record %d", i)
				.hasSize(sourceDrawings(emulator, i).size() + (i % 3 == 0 && i != MISSING ? 1 : 0))
				.containsAll(sourceDrawings(emulator, i));
		}
	}

	/**
	 * Creates the target record of source record {@code legacyId} through kintone's API.
	 */
	private static void createTarget(KintoneEmulator emulator, long legacyId) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(emulator.baseUrl().resolve("/k/v1/record.json"))
			.header("X-Cybozu-API-Token", MigrationApps.TARGET_ADD_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"app\":2,\"record\":{\"legacy_id\":{\"value\":\"" + legacyId
					+ "\"},\"lines\":{\"value\":[{\"value\":{\"item_no\":{\"value\":\"A-1\"}}}]}}}"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static long downloads(KintoneEmulator emulator) {
		return emulator.requestLog()
			.stream()
			.filter(entry -> "file".equals(entry.api()) && "GET".equals(entry.effectiveMethod()))
			.count();
	}

	private CommandRun migrate(Path job, String... options) {
		List<String> args = new ArrayList<>(
				List.of("migrate", "--job", job.toString(), "--database", "jdbc:h2:file:" + tmp.resolve("db/batch"),
						"--reports-dir", tmp.resolve("reports").toString(), "--progress-interval", "0"));
		args.addAll(List.of(options));
		return cli(args.toArray(String[]::new));
	}

}
