package io.kintonemigrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Result;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate} without {@code --database}, in child JVMs started from different
 * working directories (as cron without {@code cd} or a systemd unit would): every run
 * uses the one job database in the per-user data directory, so with {@code append} the
 * second run attaches nothing again; a job database an earlier version left in
 * {@code ./data} is named, not silently replaced by an empty one.
 */
class DefaultJobDatabaseFunctionalTests {

	@TempDir
	Path tmp;

	@Test
	void theSameCommandFromAnotherWorkingDirectoryContinuesTheSameLedger() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "default-database", "append", 10);
			Path xdg = tmp.resolve("xdg");

			Result first = migrate(Files.createDirectories(tmp.resolve("first-dir")), job,
					Map.of("XDG_DATA_HOME", xdg.toString()));
			assertThat(first.exitCode()).as(first.output()).isZero();
			long updates = emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API);
			assertThat(updates).isPositive();
			Map<Long, List<String>> afterFirst = documentsByRecord(emulator);

			Result second = migrate(Files.createDirectories(tmp.resolve("second-dir")), job,
					Map.of("XDG_DATA_HOME", xdg.toString()));

			assertThat(second.exitCode()).as(second.output()).isZero();
			assertThat(second.output()).contains("already completed");
			assertThat(emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API))
				.as("no update after the first run")
				.isEqualTo(updates);
			assertThat(documentsByRecord(emulator)).as("no file attached twice").isEqualTo(afterFirst);
			assertThat(xdg.resolve("kintone-attachment-migrator/kintone-attachment-migrator.mv.db")).exists();
			assertThat(tmp.resolve("first-dir/data")).doesNotExist();
			assertThat(tmp.resolve("second-dir/data")).doesNotExist();
		}
	}

	@Test
	void aJobDatabaseOfAnEarlierVersionInTheWorkingDirectoryIsNamedBeforeAnythingIsWritten() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "legacy-database", "append", 10);
			Path dir = Files.createDirectories(tmp.resolve("legacy-dir"));
			Path legacy = dir.resolve("data/kintone-attachment-migrator");
			Result earlier = migrate(dir, job, Map.of("XDG_DATA_HOME", tmp.resolve("unused").toString()), "--database",
					"jdbc:h2:file:" + legacy);
			assertThat(earlier.exitCode()).as(earlier.output()).isZero();
			long updates = emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API);

			Result refused = migrate(dir, job, Map.of("KAM_HOME", tmp.resolve("kam-home").toString()));

			assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCodes.USAGE);
			assertThat(refused.output().strip()).doesNotContain("\n")
				.contains(legacy + ".mv.db")
				.contains("mv " + legacy + ".mv.db " + tmp.resolve("kam-home"))
				.contains("--database jdbc:h2:file:" + legacy);
			assertThat(emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API))
				.isEqualTo(updates);
			assertThat(tmp.resolve("kam-home/kintone-attachment-migrator.mv.db")).doesNotExist();

			// and once moved as the line says, the run continues the ledger: nothing
			// attached twice
			Files.createDirectories(tmp.resolve("kam-home"));
			Files.move(Path.of(legacy + ".mv.db"), tmp.resolve("kam-home/kintone-attachment-migrator.mv.db"));
			Result moved = migrate(dir, job, Map.of("KAM_HOME", tmp.resolve("kam-home").toString()));
			assertThat(moved.exitCode()).as(moved.output()).isZero();
			assertThat(moved.output()).contains("already completed");
			assertThat(emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API))
				.isEqualTo(updates);
		}
	}

	@Test
	void aRelativeKamHomeIsRefused() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "relative-home", "append", 10);
			Result refused = migrate(Files.createDirectories(tmp.resolve("dir")), job, Map.of("KAM_HOME", "state"));
			assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCodes.USAGE);
			assertThat(refused.output().strip()).doesNotContain("\n").contains("KAM_HOME").contains("absolute");
			assertThat(emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API)).isZero();
		}
	}

	private KintoneEmulator start() throws Exception {
		return MigrationApps.emulator(tmp, 6, Set.of()).start();
	}

	private static Map<Long, List<String>> documentsByRecord(KintoneEmulator emulator) {
		Map<Long, List<String>> documents = new TreeMap<>();
		MigrationApps.targets(emulator).forEach((id, record) -> documents.put(id, MigrationApps.documents(record)));
		return documents;
	}

	/**
	 * {@code migrate} in a child JVM in {@code workingDirectory}, with only the given
	 * data-directory variables.
	 */
	private Result migrate(Path workingDirectory, Path job, Map<String, String> environment, String... options)
			throws Exception {
		ChildJvm migrator = ChildJvm.migrator()
			.jvmOptions("-Duser.home=" + tmp.resolve("home"))
			.jvmOptions(ChildJvm.shortBackoffs(tmp.resolve("work")))
			.workingDirectory(workingDirectory)
			.withoutEnvironment("KAM_HOME", "XDG_DATA_HOME", "SPRING_DATASOURCE_URL")
			.arguments("migrate", "--job", job.toString());
		environment.forEach(migrator::environment);
		return migrator.run(tmp.resolve("child-" + System.nanoTime() + ".log"), options);
	}

}
