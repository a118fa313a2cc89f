package io.kintonemigrator.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.FileContent;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.IncrementalApps;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.TestDatabase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defects of a changing world, each through {@code migrate} in a child JVM against
 * the emulator and a real H2 file: a user edits the apps, the job file changes, a token
 * lacks a permission, and the next run must still leave exactly the source's files on the
 * target.
 */
class ChangingWorldDefectsFunctionalTests {

	private static final String SOURCE_TOKEN = "world-source";

	private static final String EDITOR_TOKEN = IncrementalApps.EDITOR_TOKEN;

	/** Each target app's tokens end in "-" and its app id. */
	private static final String TARGET_TOKEN = "world-target";

	private static final String VIEW_ONLY_TOKEN = "world-target-view-only";

	@TempDir
	Path tmp;

	@Test
	void replaceOverAnOlderFileOfTheSameNameAndSizeSendsTheNewBytesAfterAKillAndAUsersEdit() throws Exception {
		try (KintoneEmulator emulator = start(3); KintoneClient targetApp = client(emulator, 2, TARGET_TOKEN + "-2")) {
			// the target already holds an older version of source record 1's file: same
			// name, same size
			FileKey old = targetApp.upload(Files.write(tmp.resolve("old"), new byte[1_001]), "報告書_1.pdf",
					"application/pdf");
			edit(targetApp, 1, Map.of("documents", new FieldUpdate.Files(List.of(old))));
			Path job = jobFile(emulator, "older-version", "replace", TARGET_TOKEN, "legacy_id", 2);

			ChildJvm.Result killed = migrate(job, "killed", "-Dkam.test.killBeforeUpdate=1");
			assertThat(killed.exitCode()).as(killed.output()).isEqualTo(137);
			editAsAUser(emulator, targetApp, 1); // moves the revision, not by our update
			ChildJvm.Result rerun = migrate(job, "rerun");

			assertThat(rerun.exitCode()).as(rerun.output()).isZero();
			for (long id = 1; id <= 3; id++) {
				assertThat(targetDocuments(emulator, 2, id)).as("record %d", id)
					.isEqualTo(IncrementalApps.sourceDocuments(emulator, id));
			}
		}
	}

	@Test
	void aRerunAfterTheSourceLostAFileAttachesExactlyWhatTheSourceHolds() throws Exception {
		try (KintoneEmulator emulator = start(3);
				IncrementalApps.Editor editor = new IncrementalApps.Editor(emulator, tmp)) {
			editor.addFile(1, "b.txt", "the second file");
			Path job = jobFile(emulator, "lost-file", "replace", TARGET_TOKEN, "legacy_id", 2);
			ChildJvm.Result killed = migrate(job, "killed", "-Dkam.test.killBeforeUpdate=1");
			assertThat(killed.exitCode()).as(killed.output()).isEqualTo(137);

			editor.removeFile(1, "報告書_1.pdf"); // the user deletes the first file
			ChildJvm.Result rerun = migrate(job, "rerun");

			assertThat(rerun.exitCode()).as(rerun.output()).isZero();
			assertThat(targetDocuments(emulator, 2, 1)).isEqualTo(IncrementalApps.sourceDocuments(emulator, 1))
				.singleElement()
				.asString()
				.startsWith("b.txt:");
			assertThat(ledgerRows("lost-file")).containsExactly("b.txt=ATTACHED", "報告書_2.pdf=ATTACHED",
					"報告書_3.pdf=ATTACHED");
		}
	}

	@Test
	void aJobFileThatNowNamesAnotherTargetAppMovesEveryFileThere() throws Exception {
		try (KintoneEmulator emulator = start(3)) {
			ChildJvm.Result first = migrate(jobFile(emulator, "moved-target", "append", TARGET_TOKEN, "legacy_id", 2),
					"first");
			assertThat(first.exitCode()).as(first.output()).isZero();

			ChildJvm.Result second = migrate(jobFile(emulator, "moved-target", "append", TARGET_TOKEN, "legacy_id", 3),
					"second");

			assertThat(second.exitCode()).as(second.output()).isZero();
			for (long id = 1; id <= 3; id++) {
				assertThat(targetDocuments(emulator, 3, id)).as("app 3, record %d", id)
					.isEqualTo(IncrementalApps.sourceDocuments(emulator, id));
				assertThat(targetDocuments(emulator, 2, id)).as("app 2, record %d", id)
					.isEqualTo(IncrementalApps.sourceDocuments(emulator, id));
			}
		}
	}

	@Test
	void fixingAWrongMatchFieldMigratesTheRecordsSkippedBefore() throws Exception {
		try (KintoneEmulator emulator = start(3)) {
			ChildJvm.Result wrong = migrate(jobFile(emulator, "fixed-match", "append", TARGET_TOKEN, "other_id", 2),
					"wrong");
			assertThat(wrong.exitCode()).as(wrong.output()).isZero();
			assertThat(ledgerRows("fixed-match")).containsOnly("報告書_1.pdf=SKIPPED", "報告書_2.pdf=SKIPPED",
					"報告書_3.pdf=SKIPPED");

			ChildJvm.Result fixed = migrate(jobFile(emulator, "fixed-match", "append", TARGET_TOKEN, "legacy_id", 2),
					"fixed");

			assertThat(fixed.exitCode()).as(fixed.output()).isZero();
			for (long id = 1; id <= 3; id++) {
				assertThat(targetDocuments(emulator, 2, id)).isEqualTo(IncrementalApps.sourceDocuments(emulator, id));
			}
		}
	}

	@Test
	void aTargetTokenWithoutEditPermissionFailsTheRunAndTheFixedTokenCompletesIt() throws Exception {
		try (KintoneEmulator emulator = start(3)) {
			ChildJvm.Result refused = migrate(
					jobFile(emulator, "permission", "append", VIEW_ONLY_TOKEN, "legacy_id", 2), "refused");
			// not restartable as it is: exit 2 and the fix, never "run the same command
			// again"
			assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
			assertThat(refused.output()).contains("kintone refused access: running again will not help")
				.doesNotContain("Run the same command again")
				.doesNotContain("\tat ");
			assertThat(ledgerRows("permission")).noneMatch(row -> row.endsWith("=SKIPPED"));

			ChildJvm.Result fixed = migrate(jobFile(emulator, "permission", "append", TARGET_TOKEN, "legacy_id", 2),
					"fixed");

			assertThat(fixed.exitCode()).as(fixed.output()).isZero();
			for (long id = 1; id <= 3; id++) {
				assertThat(targetDocuments(emulator, 2, id)).isEqualTo(IncrementalApps.sourceDocuments(emulator, id));
			}
		}
	}

	@Test
	void twoSourceRecordsWithTheSameMatchValueAreNotMergedIntoOneTargetRecord() throws Exception {
		try (KintoneEmulator emulator = start(3);
				IncrementalApps.Editor editor = new IncrementalApps.Editor(emulator, tmp)) {
			editor.retitle(1, "1");
			editor.retitle(2, "1");
			editor.retitle(3, "3");
			Path job = Files.writeString(tmp.resolve("duplicate-match.yml"),
					Files.readString(jobFile(emulator, "duplicate-match", "replace", TARGET_TOKEN, "legacy_id", 2))
						.replace("source: $id", "source: title"));

			ChildJvm.Result run = migrate(job, "run");

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(targetDocuments(emulator, 2, 1)).isEqualTo(IncrementalApps.sourceDocuments(emulator, 1));
			assertThat(targetDocuments(emulator, 2, 3)).isEqualTo(IncrementalApps.sourceDocuments(emulator, 3));
			assertThat(ledgerRows("duplicate-match")).contains("報告書_1.pdf=ATTACHED", "報告書_2.pdf=SKIPPED");
			assertThat(run.output()).contains("source records 1 and 2 both match target record");
		}
	}

	@Test
	void incrementalRunsThatSkipTheSameRecordAgainStayWithinTheSkipLimit() throws Exception {
		try (KintoneEmulator emulator = start(3);
				IncrementalApps.Editor editor = new IncrementalApps.Editor(emulator, tmp)) {
			// a new source record has no target record: skipped by every run that reads
			// it
			long orphan = editor.addRecord("案件 4", "報告書_4.pdf", "fourth");
			Path job = Files.writeString(tmp.resolve("skips.yml"),
					Files.readString(jobFile(emulator, "skips", "append", TARGET_TOKEN, "legacy_id", 2))
						.replace("onExisting: append", "onExisting: append\nskipLimit: 1"));
			ChildJvm.Result full = migrate(job, "full", "--since-last-run");
			assertThat(full.exitCode()).as(full.output()).isZero();

			for (int tick = 1; tick <= 2; tick++) {
				editor.retitle(orphan, "案件 4 (" + tick + ")");
				ChildJvm.Result incremental = migrate(job, "tick-" + tick, "--since-last-run");
				assertThat(incremental.exitCode()).as(incremental.output()).isZero();
			}
			assertThat(ledgerRows("skips")).contains("報告書_4.pdf=SKIPPED");
		}
	}

	private KintoneEmulator start(int targetRecords) throws Exception {
		Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
		AppSeed.Builder source = AppSeed.builder(1, "案件")
			.field(FieldSpec.singleLineText("title"))
			.field(FieldSpec.file("attachments"))
			.apiToken(SOURCE_TOKEN, TokenPermission.VIEW)
			.apiToken(EDITOR_TOKEN, TokenPermission.VIEW, TokenPermission.ADD, TokenPermission.EDIT);
		for (int i = 1; i <= 3; i++) {
			int n = i;
			source.record(r -> r.createdAt(twoDaysAgo)
				.text("title", "案件 " + n)
				.file("attachments", "報告書_" + n + ".pdf", "application/pdf", FileContent.generated(1_000 + n, n)));
		}
		EmulatorSeed.Builder seed = EmulatorSeed.builder().app(source.build());
		for (long app = 2; app <= 3; app++) {
			AppSeed.Builder target = AppSeed.builder(app, "アーカイブ " + app)
				.field(FieldSpec.number("legacy_id").unique())
				.field(FieldSpec.number("other_id").unique())
				.field(FieldSpec.singleLineText("note"))
				.field(FieldSpec.file("documents"))
				.apiToken(TARGET_TOKEN + "-" + app, TokenPermission.VIEW, TokenPermission.EDIT)
				.apiToken(VIEW_ONLY_TOKEN + "-" + app, TokenPermission.VIEW);
			for (int i = 1; i <= targetRecords; i++) {
				int n = i;
				target.record(r -> r.createdAt(twoDaysAgo).number("legacy_id", n).number("other_id", 100 + n));
			}
			seed.app(target.build());
		}
		return KintoneEmulator.builder().port(0).dataDirectory(tmp.resolve("emulator")).seed(seed.build()).start();
	}

	private Path jobFile(KintoneEmulator emulator, String name, String onExisting, String targetToken,
			String matchTarget, long targetApp) throws Exception {
		return Files.writeString(tmp.resolve(name + ".yml"), """
				name: %s
				source: { baseUrl: "%s", app: 1, apiToken: %s }
				target: { baseUrl: "%s", app: %d, apiToken: %s }
				match: { source: $id, target: %s }
				files:
				  - { from: attachments, to: documents }
				onExisting: %s
				limits: { concurrency: 4, requestsPerSecond: 1000, chunkSize: 10 }
				""".formatted(name, emulator.baseUrl(), SOURCE_TOKEN, emulator.baseUrl(), targetApp,
				targetToken + "-" + targetApp, matchTarget, onExisting));
	}

	private ChildJvm.Result migrate(Path job, String log, String... extra) throws Exception {
		List<String> options = new ArrayList<>();
		List<String> args = new ArrayList<>(List.of("migrate", "--job", job.toString()));
		for (String option : extra) {
			(option.startsWith("-D") ? options : args).add(option);
		}
		return ChildJvm.migrator()
			.jvmOptions(ChildJvm.migratorOptions(database(), tmp.resolve("work")))
			.jvmOptions(options)
			.run(tmp.resolve(log + ".log"), args.toArray(String[]::new));
	}

	private TestDatabase database() {
		return TestDatabase.h2(tmp.resolve("db/batch"));
	}

	/**
	 * "name=STATUS" of the job's ledger rows, read from the H2 file the children used.
	 */
	private List<String> ledgerRows(String job) throws Exception {
		TestDatabase database = database();
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
				database.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT FILE_NAME, STATUS FROM KAM_LEDGER WHERE JOB_NAME = '"
						+ job + "' ORDER BY SOURCE_RECORD")) {
			while (result.next()) {
				rows.add(result.getString(1) + "=" + result.getString(2));
			}
		}
		return rows;
	}

	private static KintoneClient client(KintoneEmulator emulator, long app, String token) {
		return new OkHttpKintoneClientFactory().open(KintoneConnection.withApiToken(emulator.baseUrl(), app, token));
	}

	private static void edit(KintoneClient app, long record, Map<String, FieldUpdate> fields) {
		app.updateRecords(List.of(new RecordUpdate(new RecordUpdate.RecordSelector.ById(record), null, fields)));
	}

	/**
	 * A user saves target record 1 with a new note: the revision moves, the files stay.
	 */
	private static void editAsAUser(KintoneEmulator emulator, KintoneClient app, long legacyId) {
		long id = MigrationApps.targets(emulator).get(legacyId).id();
		edit(app, id, Map.of("note", new FieldUpdate.Plain("edited by a user")));
	}

	private static List<String> targetDocuments(KintoneEmulator emulator, long app, long legacyId) {
		return emulator.records(app)
			.stream()
			.filter(record -> record.text("legacy_id").equals(Long.toString(legacyId)))
			.findFirst()
			.map(record -> MigrationApps.hashes(record.files("documents")))
			.orElseThrow();
	}

}
