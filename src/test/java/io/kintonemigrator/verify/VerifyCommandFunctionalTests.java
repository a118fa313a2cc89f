package io.kintonemigrator.verify;

import io.kintonemigrator.testsupport.CommandRun;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.launch.UpdateBreaker;
import io.kintonemigrator.testsupport.CommandTestFixture;

import java.nio.file.Path;
import java.util.Arrays;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.TargetEdits;
import jakarta.servlet.Filter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.testsupport.CommandRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify} after real migrations against the emulator: identical targets pass, and
 * every way a user can spoil a target attachment afterwards (other bytes, removed,
 * renamed, removed from a table row, added) is listed one line each, as are source
 * records not migrated yet.
 */
class VerifyCommandFunctionalTests {

	private static final int RECORDS = 13;

	@TempDir
	Path tmp;

	@Test
	void passesAfterAMigrationAndListsEveryTamperedAttachment() throws Exception {
		try (KintoneEmulator emulator = start(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "verify-append", "append", 4);
			assertThat(migrate(job).exitCode()).isZero();

			CommandRun identical = verify(job);

			assertThat(identical.exitCode()).as(identical.all()).isZero();
			assertThat(identical.out()).contains("Compared 30 attachment(s) of 12 source record(s); ")
				.contains("Every migrated attachment is identical on the target (names, sizes, SHA-256).");

			try (TargetEdits edits = TargetEdits.of(emulator, tmp.resolve("edits"))) {
				byte[] sameSize = new byte[1002];
				Arrays.fill(sameSize, (byte) 'x');
				edits.replaceDocument(2, "報告書_2.pdf", sameSize);
				edits.replaceDocument(8, "報告書_8.pdf", "short".getBytes());
				edits.removeDocument(4, "写真_4.jpg");
				edits.renameDocument(6, "報告書_6.pdf", "名前変更.pdf");
				edits.clearDrawing(5, "A-1");
			}
			CommandRun tampered = verify(job);

			assertThat(tampered.exitCode()).as(tampered.all()).isEqualTo(ExitCodes.FAILED);
			assertThat(tampered.out().lines().filter(line -> line.startsWith("  source record")))
				.containsExactlyInAnyOrder(
						"  source record 2 attachments -> target record 2 documents: '報告書_2.pdf' differs in content: "
								+ "SHA-256 " + sha256(emulator, 1, 2, "報告書_2.pdf") + " on the source, "
								+ sha256(emulator, 2, 2, "報告書_2.pdf") + " on the target",
						"  source record 4 attachments -> target record 4 documents: '写真_4.jpg' (2004 bytes) is missing on the target",
						"  source record 5 items.drawing (row item_no = A-1) -> target record 5 lines.drawing: '図面_5.png' (505 bytes) is missing on the target",
						"  source record 6 attachments -> target record 6 documents: '報告書_6.pdf' is named '名前変更.pdf' on the target",
						"  source record 8 attachments -> target record 8 documents: '報告書_8.pdf' differs in size: 1008 bytes on the source, 5 on the target");
			assertThat(tampered.out()).contains("5 difference(s); 0 source record(s) not migrated yet.");
		}
	}

	@Test
	void withReplaceAFileTheTargetGainedAfterwardsIsADifference() throws Exception {
		try (KintoneEmulator emulator = start(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "verify-replace", "replace", 5);
			assertThat(migrate(job).exitCode()).isZero();
			assertThat(verify(job).exitCode()).isZero();

			try (TargetEdits edits = TargetEdits.of(emulator, tmp.resolve("edits"))) {
				edits.addDocument(3, "追加.txt", "added later".getBytes());
			}
			CommandRun verified = verify(job);

			assertThat(verified.exitCode()).as(verified.all()).isEqualTo(ExitCodes.FAILED);
			assertThat(verified.out().lines().filter(line -> line.startsWith("  source record"))).containsExactly(
					"  source record 3 attachments -> target record 3 documents: '追加.txt' (11 bytes) is on the target"
							+ " but not on the source (onExisting keeps exactly the source's files)");
		}
	}

	@Test
	void aSourceOrTargetRecordDeletedAfterTheMigrationIsReported() throws Exception {
		try (KintoneEmulator emulator = start(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "verify-deleted", "append", 4);
			assertThat(migrate(job).exitCode()).isZero();

			try (var write = emulator.store().beginWrite()) {
				write.delete(1, 7);
				write.delete(2, 8);
				write.commit();
			}
			CommandRun verified = verify(job);

			assertThat(verified.exitCode()).as(verified.all()).isEqualTo(ExitCodes.FAILED);
			assertThat(verified.out().lines().filter(line -> line.startsWith("  source record"))).containsExactly(
					"  source record 8: target record 8 is gone; 3 migrated attachment(s) cannot be compared",
					"  source record 7: not in the source app any more (deleted, or outside the job's query);"
							+ " 2 migrated attachment(s) not compared");
			assertThat(verified.out()).contains("Compared 25 attachment(s) of 10 source record(s); ");
		}
	}

	@Test
	void recordsAFailedRunDidNotReachAreReportedAsNotMigratedUntilTheJobCompletes() throws Exception {
		UpdateBreaker breaker = new UpdateBreaker(1); // the first chunk (records 1-4)
														// commits, the second fails
		try (KintoneEmulator emulator = start(breaker)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "verify-partial", "append", 4);
			assertThat(migrate(job).exitCode()).isEqualTo(ExitCodes.FAILED);

			CommandRun partial = verify(job);

			assertThat(partial.exitCode()).as(partial.all()).isEqualTo(ExitCodes.FAILED);
			assertThat(partial.out()).contains("Compared 10 attachment(s) of 4 source record(s); ")
				.contains("  source record 5: 2 of 2 attachment(s) not migrated yet (run migrate)")
				.contains("  source record 12: 3 of 3 attachment(s) not migrated yet (run migrate)")
				.doesNotContain("source record 4:")
				.doesNotContain("source record 13")
				.contains("0 difference(s); 8 source record(s) not migrated yet.");

			breaker.heal();
			assertThat(migrate(job).exitCode()).isZero();
			CommandRun complete = verify(job);
			assertThat(complete.exitCode()).as(complete.all()).isZero();
			assertThat(complete.out()).contains("Compared 30 attachment(s) of 12 source record(s); ");
		}
	}

	@Test
	void withoutTheJobsDatabaseItIsExitCodeTwoAndCreatesNone() throws Exception {
		try (KintoneEmulator emulator = start(null)) {
			Path job = MigrationApps.jobFile(tmp, emulator, "verify-no-db", "append", 4);

			CommandRun verified = cli("verify", "--job", job.toString(), "--database",
					"jdbc:h2:file:" + tmp.resolve("db/none"));

			assertThat(verified.exitCode()).isEqualTo(ExitCodes.USAGE);
			assertThat(verified.err()).isEqualTo("verify: no job database at " + tmp.resolve("db/none.mv.db")
					+ "; run migrate first, or give --database as given to migrate\n");
			assertThat(tmp.resolve("db")).doesNotExist();
		}
	}

	private KintoneEmulator start(@Nullable Filter filter) {
		return fixture().emulator(filter);
	}

	private CommandTestFixture fixture() {
		return new CommandTestFixture(tmp, RECORDS);
	}

	private String database() {
		return fixture().database();
	}

	private CommandRun migrate(Path job) throws Exception {
		return fixture().migrate(job);
	}

	private CommandRun verify(Path job) {
		return cli("verify", "--job", job.toString(), "--database", database());
	}

	private static String sha256(KintoneEmulator emulator, long app, long record, String name) {
		return emulator.record(app, record)
			.orElseThrow()
			.files(app == 1 ? "attachments" : "documents")
			.stream()
			.filter(file -> file.name().equals(name))
			.findFirst()
			.orElseThrow()
			.sha256();
	}

}
