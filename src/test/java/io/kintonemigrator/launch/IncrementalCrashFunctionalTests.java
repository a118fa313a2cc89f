package io.kintonemigrator.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.IncrementalApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;
import io.kintonemigrator.testsupport.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.testsupport.IncrementalApps.sourceDocuments;
import static io.kintonemigrator.testsupport.IncrementalApps.targetDocuments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incremental {@code append} run killed right after kintone accepted its update (the
 * test hook halts the child JVM before the chunk commits), then {@code --since-last-run}
 * again: it resumes the same run (same instance, same bound), recognises the applied
 * update from the target record, moves nothing twice and only then advances the
 * watermark.
 */
class IncrementalCrashFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void aKilledIncrementalRunResumesItselfAndLeavesEveryFileExactlyOnce() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(IncrementalApps.seed(6, 6))
			.start(); IncrementalApps.Editor editor = new IncrementalApps.Editor(emulator, tmp)) {
			Path job = IncrementalApps.jobFile(tmp, emulator, "incremental-crash", "append");
			ChildJvm children = ChildJvm.migrator()
				.jvmOptions(ChildJvm.migratorOptions(database(), tmp.resolve("work")));
			ChildJvm.Result first = children.run(tmp.resolve("first.log"), "migrate", "--job", job.toString(),
					"--since-last-run");
			assertThat(first.exitCode()).as(first.output()).isZero();
			Map<Long, List<String>> before = new HashMap<>();
			for (long i = 1; i <= 6; i++) {
				before.put(i, targetDocuments(emulator, i));
			}

			// given two records that gained a file, and a run killed after kintone
			// accepted their update
			editor.addFile(2, "追加_2.txt", "added to record 2");
			editor.addFile(5, "追加_5.txt", "added to record 5");
			ChildJvm.Result killed = children.with("-Dkam.test.killAfterUpdate=1")
				.run(tmp.resolve("killed.log"), "migrate", "--job", job.toString(), "--since-last-run");
			assertThat(killed.exitCode()).as(killed.output()).isEqualTo(137);
			assertThat(killed.output()).contains("source records updated since");

			// when the next incremental run starts
			emulator.clearRequestLog();
			ChildJvm.Result resumed = children.run(tmp.resolve("resumed.log"), "migrate", "--job", job.toString(),
					"--since-last-run");

			// then it resumed the killed run and found its update applied
			assertThat(resumed.exitCode()).as(resumed.output()).isZero();
			assertThat(resumed.output()).contains("Resuming the incremental run of job 'incremental-crash'")
				.contains("was left STARTED");
			assertThat(emulator.requestLog()).filteredOn(entry -> "file".equals(entry.api())).isEmpty();
			assertThat(emulator.requestLog()).filteredOn(entry -> RecordUpdateRequests.API.equals(entry.api()))
				.isEmpty();
			for (long i = 1; i <= 6; i++) {
				List<String> expected = new ArrayList<>(before.get(i));
				if (i == 2 || i == 5) {
					expected.add(sourceDocuments(emulator, i).get(1));
				}
				assertThat(targetDocuments(emulator, i)).as("record %d", i).isEqualTo(expected);
			}

			// and the watermark moved on: a run now finds nothing to move
			emulator.clearRequestLog();
			ChildJvm.Result after = children.run(tmp.resolve("after.log"), "migrate", "--job", job.toString(),
					"--since-last-run");
			assertThat(after.exitCode()).as(after.output()).isZero();
			assertThat(after.output())
				.contains("Incremental run of job 'incremental-crash': source records updated since");
			assertThat(emulator.requestLog()).filteredOn(entry -> "file".equals(entry.api())).isEmpty();
		}
	}

	TestDatabase database() {
		return TestDatabase.h2(tmp.resolve("db/batch"));
	}

}
