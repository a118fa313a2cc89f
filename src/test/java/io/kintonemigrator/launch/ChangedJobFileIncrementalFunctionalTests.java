package io.kintonemigrator.launch;

import io.kintonemigrator.MigratorCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.IncrementalApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.testsupport.IncrementalApps.sourceDocuments;
import static io.kintonemigrator.testsupport.IncrementalApps.targetDocuments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate --since-last-run} after the job file changed what the job migrates (here
 * a wider query): the watermark of the old job file does not hold, so the records nobody
 * edited since are read and moved too; the next run of the same file is incremental
 * again.
 */
class ChangedJobFileIncrementalFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void aWiderQueryReachesTheRecordsNobodyEditedSince() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(IncrementalApps.seed(6, 6))
			.start()) {
			Path job = jobFile(emulator, "query: '$id <= 3'");
			Run first = migrate(job);
			assertThat(first.exitCode()).as(first.output()).isZero();
			assertThat(targetDocuments(emulator, 3)).isEqualTo(sourceDocuments(emulator, 3));
			assertThat(targetDocuments(emulator, 4)).as("outside the first query").isEmpty();

			// when the query is widened (no source record edited)
			jobFile(emulator, "");
			Run widened = migrate(job);

			// then the records outside the old query move too
			assertThat(widened.exitCode()).as(widened.output()).isZero();
			assertThat(widened.output()).contains("changed what the job migrates")
				.contains("no completed run yet: every source record");
			for (long i = 1; i <= 6; i++) {
				assertThat(targetDocuments(emulator, i)).as("record %d", i).isEqualTo(sourceDocuments(emulator, i));
			}

			// and the same file's next run is incremental again: nothing to read, nothing
			// moves
			long updates = emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API);
			Run again = migrate(job);
			assertThat(again.exitCode()).as(again.output()).isZero();
			assertThat(again.output()).doesNotContain("changed what the job migrates")
				.contains("source records updated since");
			assertThat(emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API))
				.isEqualTo(updates);
		}
	}

	private Path jobFile(KintoneEmulator emulator, String query) throws Exception {
		return Files.writeString(tmp.resolve("job.yml"), """
				name: changing
				source: { baseUrl: "%s", app: 1, apiToken: %s }
				target: { baseUrl: "%s", app: 2, apiToken: %s }
				match: { source: $id, target: legacy_id }
				files:
				  - { from: attachments, to: documents }
				%s
				onExisting: replace
				limits: { concurrency: 4, requestsPerSecond: 1000, chunkSize: 10 }
				""".formatted(emulator.baseUrl(), IncrementalApps.JOB_TOKEN, emulator.baseUrl(),
				IncrementalApps.TARGET_TOKEN, query));
	}

	private Run migrate(Path job) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), "migrate", "--job",
				job.toString(), "--database", "jdbc:h2:file:" + tmp.resolve("db/batch"), "--since-last-run");
		return new Run(exitCode, out + "\n" + err);
	}

	record Run(int exitCode, String output) {
	}

}
