package io.kintonemigrator.launch;

import io.kintonemigrator.MigratorCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.model.SystemFields;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.testsupport.IncrementalApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.testsupport.IncrementalApps.sourceDocuments;
import static io.kintonemigrator.testsupport.IncrementalApps.targetDocuments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate --since-last-run} through the command against the emulator: a first run
 * moves everything; after users edit some source records (a file added, a file replaced,
 * only a title changed) and add one, the next run reads and moves only those, counted in
 * the emulator's request log; a run without edits moves nothing.
 */
class IncrementalRunFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void appendMovesOnlyTheFilesOfRecordsUpdatedSinceTheLastRunAndNeverDuplicates() throws Exception {
		try (KintoneEmulator emulator = start();
				IncrementalApps.Editor editor = new IncrementalApps.Editor(emulator, tmp)) {
			Path job = IncrementalApps.jobFile(tmp, emulator, "incremental-append", "append");

			// given a first run that moved every record
			Run first = migrate(job, "--since-last-run");
			assertThat(first.exitCode()).as(first.output()).isZero();
			assertThat(first.output()).contains("no completed run yet: every source record")
				.contains("Next incremental run: records updated since");
			for (long i = 1; i <= 6; i++) {
				assertThat(targetDocuments(emulator, i)).as("record %d", i).isEqualTo(sourceDocuments(emulator, i));
			}

			// when users edit records 2, 3 and 4 and add record 7
			List<String> record4Before = targetDocuments(emulator, 4);
			editor.addFile(2, "追加資料.txt", "added to record 2");
			editor.retitle(3, "only the title changed");
			editor.replaceFiles(4, "差替え.txt", "replaces the file of record 4");
			long added = editor.addRecord("新規", "新規_7.txt", "a new record");
			assertThat(added).isEqualTo(7);
			emulator.clearRequestLog();
			Run second = migrate(job, "--since-last-run");

			// then only their new files moved, in one bulk update, and none is there
			// twice
			assertThat(second.exitCode()).as(second.output()).isZero();
			assertThat(second.output()).contains("source records updated since");
			assertThat(count(emulator, "GET", "file")).as("downloads").isEqualTo(3);
			assertThat(count(emulator, "POST", "file")).as("uploads").isEqualTo(3);
			assertThat(count(emulator, RecordUpdateRequests.METHOD, RecordUpdateRequests.API)).as("bulk updates")
				.isEqualTo(1);
			assertThat(targetDocuments(emulator, 2)).isEqualTo(sourceDocuments(emulator, 2)).hasSize(2);
			assertThat(targetDocuments(emulator, 3)).isEqualTo(sourceDocuments(emulator, 3)).hasSize(1);
			assertThat(record4Before).hasSize(1).doesNotContainAnyElementsOf(sourceDocuments(emulator, 4));
			assertThat(targetDocuments(emulator, 4)).as("the job's copy of the replaced file comes off")
				.isEqualTo(sourceDocuments(emulator, 4))
				.hasSize(1);
			assertThat(targetDocuments(emulator, 7)).isEqualTo(sourceDocuments(emulator, 7));
			for (long i : new long[] { 1, 5, 6 }) {
				assertThat(targetDocuments(emulator, i)).as("record %d", i).isEqualTo(sourceDocuments(emulator, i));
			}

			// and a run with no edits in between reads but moves nothing
			emulator.clearRequestLog();
			Run third = migrate(job, "--since-last-run");
			assertThat(third.exitCode()).as(third.output()).isZero();
			assertThat(count(emulator, "GET", "file") + count(emulator, "POST", "file")
					+ count(emulator, RecordUpdateRequests.METHOD, RecordUpdateRequests.API))
				.isZero();
		}
	}

	@Test
	void replacePutsTheCurrentSourceFilesOfEveryUpdatedRecord() throws Exception {
		try (KintoneEmulator emulator = start();
				IncrementalApps.Editor editor = new IncrementalApps.Editor(emulator, tmp)) {
			Path job = IncrementalApps.jobFile(tmp, emulator, "incremental-replace", "replace");
			assertThat(migrate(job).exitCode()).as("a full run sets the watermark too").isZero();

			editor.addFile(2, "追加資料.txt", "added to record 2");
			editor.replaceFiles(4, "差替え.txt", "replaces the file of record 4");
			emulator.clearRequestLog();
			Run second = migrate(job, "--since-last-run");

			assertThat(second.exitCode()).as(second.output()).isZero();
			assertThat(second.output()).contains("source records updated since");
			assertThat(count(emulator, "GET", "file")).as("downloads: both files of 2, the new one of 4").isEqualTo(3);
			for (long i = 1; i <= 6; i++) {
				assertThat(targetDocuments(emulator, i)).as("record %d", i).isEqualTo(sourceDocuments(emulator, i));
			}
		}
	}

	@Test
	void anEnglishLanguageAppIsFilteredByItsOwnUpdatedTimeField() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(IncrementalApps.seed(4, 4, SystemFields.Codes.ENGLISH))
			.start(); IncrementalApps.Editor editor = new IncrementalApps.Editor(emulator, tmp)) {
			Path job = IncrementalApps.jobFile(tmp, emulator, "incremental-english", "append");
			assertThat(migrate(job, "--since-last-run").exitCode()).isZero();

			editor.addFile(3, "added.txt", "added to record 3");
			emulator.clearRequestLog();
			Run second = migrate(job, "--since-last-run");

			assertThat(second.exitCode()).as(second.output()).isZero();
			assertThat(emulator.requestLog())
				.filteredOn(entry -> "records".equals(entry.api()) && entry.app() != null && entry.app() == 1)
				.isNotEmpty();
			assertThat(count(emulator, "GET", "file")).as("downloads").isEqualTo(1);
			assertThat(targetDocuments(emulator, 3)).isEqualTo(sourceDocuments(emulator, 3)).hasSize(2);
		}
	}

	private static long count(KintoneEmulator emulator, String method, String api) {
		return emulator.requestLog()
			.stream()
			.filter(entry -> method.equals(entry.method()) && api.equals(entry.api()))
			.map(RequestLogEntry::path)
			.count();
	}

	private KintoneEmulator start() throws Exception {
		return KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(IncrementalApps.seed(6, 7))
			.start();
	}

	private Run migrate(Path job, String... options) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		List<String> args = new ArrayList<>(
				List.of("migrate", "--job", job.toString(), "--database", "jdbc:h2:file:" + tmp.resolve("db/batch")));
		args.addAll(List.of(options));
		int exitCode = MigratorCli.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
		return new Run(exitCode, out + "\n" + err);
	}

	record Run(int exitCode, String output) {
	}

}
