package io.kintonemigrator.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
import io.kintonemigrator.testsupport.ChildJvm.Result;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.Sha256;
import io.kintonemigrator.testsupport.SlowRequests;
import io.kintonemigrator.testsupport.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.testsupport.MigrationApps.documents;
import static io.kintonemigrator.testsupport.MigrationApps.hashes;
import static io.kintonemigrator.testsupport.MigrationApps.line;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDocuments;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDrawings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash stories: {@code migrate} runs in a child JVM that dies abruptly (the test hook
 * halts it like a SIGKILL at an exact point, or the test kills it with SIGKILL at random
 * instants), then {@code migrate} runs again until it exits 0. Every source attachment
 * must then be on its target record exactly once, byte for byte, and the target-only
 * subtable rows must still be there.
 */
class CrashRecoveryFunctionalTests {

	private static final int RECORDS = 13;

	@TempDir
	Path tmp;

	@Test
	void killedAfterKintoneAcceptedAnUpdateButBeforeTheChunkCommitted() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "crash-after-update", "append", 3);

			Result crashed = migrate(jobFile, "-Dkam.test.killAfterUpdate=2");
			assertThat(crashed.exitCode()).as(crashed.output()).isEqualTo(137);
			assertThat(crashed.output()).contains("halting after a bulk update");

			Result resumed = migrate(jobFile);
			assertThat(resumed.exitCode()).as(resumed.output()).isZero();
			assertThat(resumed.output()).contains("was left STARTED").contains("recovering it");
			assertEveryAttachmentExactlyOnce(emulator);
		}
	}

	@Test
	void killedAfterTheUploadsButBeforeTheUpdate() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "crash-before-update", "append", 3);

			Result crashed = migrate(jobFile, "-Dkam.test.killBeforeUpdate=3");
			assertThat(crashed.exitCode()).as(crashed.output()).isEqualTo(137);

			Result resumed = migrate(jobFile);
			assertThat(resumed.exitCode()).as(resumed.output()).isZero();
			assertEveryAttachmentExactlyOnce(emulator);
		}
	}

	@Test
	void killedAtRandomInstants() throws Exception {
		Random random = new Random(20260501);
		// 30 ms per request stretches the run over a few seconds, so the kills land
		// inside it
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.requestFilter(SlowRequests.delay(Duration.ofMillis(30)))
			.start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "crash-random", "append", 2);
			int killedWhileMigrating = 0;
			for (int kill = 0; kill < 4; kill++) {
				Process child = startMigrate(jobFile).process();
				long delay = 2_000 + random.nextInt(3_000);
				if (!child.waitFor(delay, TimeUnit.MILLISECONDS)) {
					child.destroyForcibly(); // SIGKILL
					child.waitFor();
					String log = Files.readString(tmp.resolve("child.log"));
					if (log.contains(" job 'crash-random'")) {
						killedWhileMigrating++;
					}
				}
			}
			System.out.println("random kills inside a run: " + killedWhileMigrating);
			Result last = migrate(jobFile);
			for (int attempt = 0; attempt < 3 && last.exitCode() != 0; attempt++) {
				last = migrate(jobFile);
			}
			assertThat(last.exitCode()).as(last.output()).isZero();
			assertEveryAttachmentExactlyOnce(emulator);
		}
	}

	private KintoneEmulator start() throws Exception {
		return MigrationApps.emulator(tmp, RECORDS, Set.of()).start();
	}

	private static void assertEveryAttachmentExactlyOnce(KintoneEmulator emulator) {
		Map<Long, StoredRecord> targets = MigrationApps.targets(emulator);
		for (long i = 1; i <= RECORDS; i++) {
			StoredRecord target = targets.get(i);
			List<String> expected = new ArrayList<>(sourceDocuments(emulator, i));
			if (i % 3 == 0) {
				expected.add(0, "既存_" + i + ".txt:" + Sha256.hex("existing " + i));
			}
			assertThat(documents(target)).as("documents of record %d", i).containsExactlyElementsOf(expected);
			assertThat(hashes(line(target, "A-1").files("drawing"))).as("drawings of record %d", i)
				.hasSize(sourceDrawings(emulator, i).size() + (i % 3 == 0 ? 1 : 0))
				.containsAll(sourceDrawings(emulator, i));
			assertThat(line(target, "X-9").text("memo")).isEqualTo("keep " + i);
			assertThat(target.rows("lines")).hasSize(2);
		}
	}

	private Result migrate(Path jobFile, String... options) throws Exception {
		return migrator(options).run(tmp.resolve("child.log"), "migrate", "--job", jobFile.toString());
	}

	private Child startMigrate(Path jobFile) throws Exception {
		return migrator().start(tmp.resolve("child.log"), "migrate", "--job", jobFile.toString());
	}

	private ChildJvm migrator(String... options) {
		return ChildJvm.migrator()
			.jvmOptions(ChildJvm.migratorOptions(database(), tmp.resolve("work")))
			.jvmOptions(options);
	}

	/**
	 * The job repository and ledger of the children; subclasses run the stories on
	 * another database.
	 */
	TestDatabase database() {
		return TestDatabase.h2(tmp.resolve("db/batch"));
	}

}
