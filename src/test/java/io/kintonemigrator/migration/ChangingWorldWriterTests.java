package io.kintonemigrator.migration;

import io.kintonemigrator.testsupport.DirectClients;

import io.kintonemigrator.migration.budget.BudgetEstimate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.JdbcApiUsageLedger;
import io.kintonemigrator.ledger.JdbcMigrationLedger;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerSchema;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;

import io.kintonemigrator.testsupport.Sha256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The writer when the world changes between and during runs: the source loses, gains and
 * renames files, a user edits the target while an update is on its way, the job file
 * changes, a token lacks a permission, two source records match one target. Real writer,
 * real H2 ledger, in-memory apps with kintone's revision and FILE rules; each scenario is
 * also run end to end by the changing-world suite
 * ({@code reliability/ChangingWorldFunctionalTests}); the defects one by one end to end:
 * {@code launch/ChangingWorldDefectsFunctionalTests}.
 */
class ChangingWorldWriterTests {

	private static final String APPS = """
			source: { baseUrl: "http://localhost:1", app: 1, apiToken: s }
			target: { baseUrl: "http://localhost:1", app: 2, apiToken: t }
			match: { source: $id, target: legacy_id }
			files:
			  - { from: attachments, to: documents }
			""";

	@TempDir
	Path tmp;

	private final InMemoryKintoneClient source = new InMemoryKintoneClient(1);

	private final InMemoryKintoneClient target = new InMemoryKintoneClient(2);

	private final InMemoryKintoneClient otherTarget = new InMemoryKintoneClient(3);

	private JdbcMigrationLedger ledger;

	private JdbcApiUsageLedger usage;

	private TransactionTemplate chunkTransaction;

	private final List<MigrationRun> runs = new ArrayList<>();

	@BeforeEach
	void setUp() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:file:" + tmp.resolve("db"), "sa", "");
		LedgerSchema.apply(dataSource);
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		chunkTransaction = new TransactionTemplate(transactionManager);
		ledger = new JdbcMigrationLedger(new JdbcTemplate(dataSource), transactionManager, Clock.systemUTC());
		usage = new JdbcApiUsageLedger(new JdbcTemplate(dataSource), transactionManager, Clock.systemUTC());
		source.file("a", bytes("AAAA")).file("b", bytes("BBBBB")).file("n", bytes("NNNNNN"));
		target.record(targetRecord(101, 5, "1"));
		otherTarget.record(targetRecord(101, 1, "1"));
	}

	@AfterEach
	void tearDown() {
		runs.forEach(MigrationRun::destroy);
	}

	@Test
	void anIncrementalReplaceThatMeetsAUsersEditKeepsEverySourceFile() {
		JobConfig config = config("onExisting: replace\n");
		sourceFiles(1, file("a", "a.txt", 4), file("b", "b.txt", 5));
		write(config, false);
		sourceFiles(2, file("a", "a.txt", 4), file("b", "b.txt", 5), file("n", "n.txt", 6));
		userEditsTheTargetBeforeTheFirstUpdate();

		write(config, true);

		assertThat(contents(target, "documents")).containsExactly("AAAA", "BBBBB", "NNNNNN");
		assertThat(ledger.all("world")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.ATTACHED);
		assertThat(target.stored(101).fields().get("note")).isEqualTo(text("edited by a user"));
	}

	@Test
	void replaceOverAnOlderFileOfTheSameNameAndSizeSendsTheNewBytesAfterAConflict() {
		target.file("old", bytes("OLD!"));
		target.record(new KintoneRecord(101, 5, Map.of("legacy_id", new FieldValue.Plain("NUMBER", "1"), "note",
				text("x"), "documents", new FieldValue.Files(List.of(file("old", "a.txt", 4))))));
		sourceFiles(1, file("a", "a.txt", 4));
		userEditsTheTargetBeforeTheFirstUpdate();

		write(config("onExisting: replace\n"), false);

		assertThat(contents(target, "documents")).containsExactly("AAAA");
	}

	@Test
	void aRestartAfterAUsersEditOverAnOlderFileOfTheSameNameAndSizeSendsTheNewBytes() {
		target.file("old", bytes("OLD!"));
		target.record(new KintoneRecord(101, 5, Map.of("legacy_id", new FieldValue.Plain("NUMBER", "1"), "note",
				text("x"), "documents", new FieldValue.Files(List.of(file("old", "a.txt", 4))))));
		sourceFiles(1, file("a", "a.txt", 4));
		JobConfig config = config("onExisting: replace\n");
		target.beforeUpdate = updates -> {
			throw new IllegalStateException("the process dies before the update goes out");
		};
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> write(config, false));
		target.beforeUpdate = updates -> {
		};
		target.edit(101, "note", text("edited by a user")); // the revision moves, not by
															// our update

		write(config, false);

		assertThat(contents(target, "documents")).containsExactly("AAAA");
		assertThat(ledger.all("world")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.ATTACHED);
	}

	@Test
	void aRerunAfterTheSourceLostAFileNeverAttachesThatFileForAnother() {
		JobConfig config = config("onExisting: replace\n");
		sourceFiles(1, file("a", "a.txt", 4), file("b", "b.txt", 5));
		target.beforeUpdate = updates -> {
			throw new KintoneApiException("update", 503, null, null, "Service Unavailable", Map.of(), true, null);
		};
		assertThatExceptionOfType(KintoneApiException.class).isThrownBy(() -> write(config, false));
		assertThat(ledger.all("world")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.INTENT);
		target.beforeUpdate = updates -> {
		};
		sourceFiles(2, file("b", "b.txt", 5)); // a user deletes a.txt from the source

		write(config, false);

		assertThat(contents(target, "documents")).containsExactly("BBBBB");
		assertThat(target.stored(101).files("documents")).extracting(FileInfo::name).containsExactly("b.txt");
		assertThat(ledger.all("world")).singleElement().satisfies(row -> {
			assertThat(row.fileName()).isEqualTo("b.txt");
			assertThat(row.status()).isEqualTo(LedgerStatus.ATTACHED);
			assertThat(row.sha256()).isEqualTo(Sha256.hex("BBBBB"));
		});
	}

	/**
	 * World seed 32591 (append): an update attaches a.txt and b.txt and the process dies
	 * before the chunk commits; a user deletes a.txt from the source; the next run's
	 * update takes a.txt off and the process dies again. The intent rows of the first
	 * update now name a file that is gone from source and target: the update is still
	 * proven applied by b.txt, which must not be attached a second time.
	 */
	@Test
	void anAppliedUpdateIsRecognisedAfterALaterLostUpdateTookOffAFileTheSourceNoLongerHas() {
		JobConfig config = config("onExisting: append\n");
		sourceFiles(1, file("a", "a.txt", 4), file("b", "b.txt", 5));
		writeAndDieBeforeTheCommit(config);
		assertThat(contents(target, "documents")).containsExactly("AAAA", "BBBBB");
		sourceFiles(2, file("b", "b.txt", 5)); // a user deletes a.txt from the source
		writeAndDieBeforeTheCommit(config);
		assertThat(contents(target, "documents")).containsExactly("BBBBB");
		int uploads = target.uploadCount();

		write(config, false);

		assertThat(contents(target, "documents")).containsExactly("BBBBB");
		assertThat(target.uploadCount()).as("nothing moves again").isEqualTo(uploads);
		assertThat(ledger.all("world")).singleElement().satisfies(row -> {
			assertThat(row.fileName()).isEqualTo("b.txt");
			assertThat(row.status()).isEqualTo(LedgerStatus.ATTACHED);
		});
	}

	@Test
	void aJobFileThatNowNamesAnotherTargetAppMovesTheFilesThere() {
		sourceFiles(1, file("a", "a.txt", 4));
		write(config(""), false);

		write(parse("name: world\n" + APPS.replace("app: 2", "app: 3")), false);

		assertThat(contents(otherTarget, "documents")).containsExactly("AAAA");
		assertThat(contents(target, "documents")).containsExactly("AAAA");
	}

	@Test
	void fixingAWrongMatchFieldMigratesTheRecordsSkippedBefore() {
		sourceFiles(1, file("a", "a.txt", 4));
		write(parse("name: world\n" + APPS.replace("target: legacy_id", "target: note")), false);
		assertThat(ledger.all("world")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.SKIPPED);

		write(config(""), false);

		assertThat(contents(target, "documents")).containsExactly("AAAA");
		assertThat(ledger.all("world")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.ATTACHED);
	}

	@Test
	void aTokenWithoutEditPermissionFailsTheRunAndTheFixedTokenMovesTheFiles() {
		sourceFiles(1, file("a", "a.txt", 4));
		JobConfig config = config("");
		target.beforeUpdate = updates -> {
			throw new KintoneApiException("update", 403, "GAIA_NO01", "x",
					"Using this API token, you cannot run the specified API.", Map.of(), false, null);
		};
		assertThatExceptionOfType(KintoneApiException.class).isThrownBy(() -> write(config, false));
		assertThat(ledger.all("world")).extracting(LedgerEntry::status).doesNotContain(LedgerStatus.SKIPPED);
		target.beforeUpdate = updates -> {
		};

		write(config, false);

		assertThat(contents(target, "documents")).containsExactly("AAAA");
	}

	@Test
	void twoSourceRecordsMatchingOneTargetRecordMigrateTheFirstAndSkipTheSecondWithTheReason() {
		source.record(new KintoneRecord(1, 1,
				Map.of("code", text("1"), "attachments", new FieldValue.Files(List.of(file("a", "a.txt", 4))))));
		source.record(new KintoneRecord(2, 1,
				Map.of("code", text("1"), "attachments", new FieldValue.Files(List.of(file("b", "b.txt", 5))))));

		write(parse("name: world\n" + APPS.replace("source: $id", "source: code") + "onExisting: replace\n"), false);

		assertThat(contents(target, "documents")).containsExactly("AAAA");
		assertThat(ledger.all("world")).extracting(row -> row.fileName() + "=" + row.status())
			.containsExactly("a.txt=ATTACHED", "b.txt=SKIPPED");
		assertThat(ledger.all("world").get(1).error()).contains("source records 1 and 2 both match target record")
			.contains("code must be unique");
	}

	@Test
	void aSourceRecordMatchingATargetRecordAnotherSourceRecordFilledInAnEarlierChunkIsSkipped() {
		JobConfig config = parse(
				"name: world\n" + APPS.replace("source: $id", "source: code") + "onExisting: append\n");
		source.record(new KintoneRecord(1, 1,
				Map.of("code", text("1"), "attachments", new FieldValue.Files(List.of(file("a", "a.txt", 4))))));
		write(config, false);
		source.record(new KintoneRecord(2, 1,
				Map.of("code", text("1"), "attachments", new FieldValue.Files(List.of(file("b", "b.txt", 5))))));

		writeRecords(config, false, 2);

		assertThat(contents(target, "documents")).containsExactly("AAAA");
		assertThat(ledger.all("world").get(1).error()).contains("source records 1 and 2 both match target record 101");
	}

	@Test
	void anIncrementalAppendTakesOffTheJobsCopyOfADeletedSourceFileAndKeepsTheUsersFiles() {
		target.file("mine", bytes("USER"));
		target.record(new KintoneRecord(101, 5, Map.of("legacy_id", new FieldValue.Plain("NUMBER", "1"), "note",
				text("x"), "documents", new FieldValue.Files(List.of(file("mine", "a.txt", 4))))));
		JobConfig config = config("onExisting: append\n");
		sourceFiles(1, file("a", "a.txt", 4), file("b", "b.txt", 5));
		write(config, false);
		assertThat(contents(target, "documents")).containsExactly("USER", "AAAA", "BBBBB");
		int uploads = target.uploadCount();

		sourceFiles(2, file("b", "b.txt", 5), file("n", "n.txt", 6)); // a.txt deleted,
																		// n.txt added
		write(config, true);

		assertThat(contents(target, "documents")).containsExactly("USER", "BBBBB", "NNNNNN");
		assertThat(target.uploadCount() - uploads).as("only n.txt moves").isEqualTo(1);
		assertThat(ledger.all("world")).extracting(LedgerEntry::fileName).containsExactlyInAnyOrder("b.txt", "n.txt");
	}

	@Test
	void replaceEmptiesTheTargetFieldOfASourceRecordThatLostItsLastFile() {
		JobConfig config = config("onExisting: replace\n");
		sourceFiles(1, file("a", "a.txt", 4));
		write(config, false);

		source.record(new KintoneRecord(1, 2, Map.of("attachments", new FieldValue.Files(List.of()))));
		write(config, true);

		assertThat(target.stored(101).files("documents")).isEmpty();
		assertThat(ledger.all("world")).isEmpty();
	}

	@Test
	void replaceEmptiesATargetFieldWhoseSourceFieldHasNoFileAndAppendLeavesIt() {
		target.file("mine", bytes("USER"));
		target.record(new KintoneRecord(101, 5, Map.of("legacy_id", new FieldValue.Plain("NUMBER", "1"), "note",
				text("x"), "documents", new FieldValue.Files(List.of(file("mine", "u.txt", 4))))));
		sourceFiles(1);

		write(config("onExisting: append\n"), false);
		assertThat(contents(target, "documents")).containsExactly("USER");
		write(config("onExisting: replace\n"), false);

		assertThat(target.stored(101).files("documents")).isEmpty();
		assertThat(target.stored(101).fields().get("note")).isEqualTo(text("x"));
	}

	@Test
	void aReplaceRunOfAChangedJobFileEmptiesTheNewlyMappedFieldOfARecordWhoseOtherFilesAreDone() {
		target.file("mine", bytes("USER"));
		target.record(new KintoneRecord(101, 5,
				Map.of("legacy_id", new FieldValue.Plain("NUMBER", "1"), "note", text("x"), "documents",
						new FieldValue.Files(List.of()), "documents2",
						new FieldValue.Files(List.of(file("mine", "u.txt", 4))))));
		sourceFiles(1, file("a", "a.txt", 4));
		write(config("onExisting: replace\n"), false);

		write(parse("name: world\n" + APPS + "  - { from: attachments2, to: documents2 }\nonExisting: replace\n"),
				false);

		assertThat(contents(target, "documents")).containsExactly("AAAA");
		assertThat(target.stored(101).files("documents2")).isEmpty();
	}

	@Test
	void replaceFollowsTheSourcesNewOrderWithoutMovingAFileAgain() {
		JobConfig config = config("onExisting: replace\n");
		sourceFiles(1, file("a", "a.txt", 4), file("b", "b.txt", 5));
		write(config, false);
		int uploads = target.uploadCount();
		sourceFiles(2, file("b", "b.txt", 5), file("a", "a.txt", 4)); // a user reverses
																		// the files

		write(config, false); // a full run, as after a changed job file
		write(config, false);

		assertThat(contents(target, "documents")).containsExactly("BBBBB", "AAAA");
		assertThat(target.uploadCount()).isEqualTo(uploads);
		assertThat(target.updateRequests).hasSize(2);
	}

	@Test
	void skipLeavesAFieldWithTheUsersFilesAloneButRefreshesItsOwnCopies() {
		JobConfig config = config("onExisting: skip\n");
		sourceFiles(1, file("a", "a.txt", 4));
		write(config, false);

		sourceFiles(2, file("a", "a.txt", 4), file("b", "b.txt", 5));
		write(config, true);

		assertThat(contents(target, "documents")).containsExactly("AAAA", "BBBBB");
	}

	@Test
	void tableRowsThatShareTheirRowKeyAreSkippedWithTheReason() {
		source.record(new KintoneRecord(1, 1, Map.of("items", new FieldValue.Subtable(List.of(
				new FieldValue.SubtableRow("11",
						Map.of("no", text("A"), "drawing", new FieldValue.Files(List.of(file("a", "a.txt", 4))))),
				new FieldValue.SubtableRow("12",
						Map.of("no", text("A"), "drawing", new FieldValue.Files(List.of(file("b", "b.txt", 5))))))))));
		JobConfig config = parse("name: world\n" + APPS.replace("- { from: attachments, to: documents }",
				"- { from: items.drawing, to: lines.drawing, rowKey: no }"));

		write(config, false);

		assertThat(target.updateRequests).isEmpty();
		assertThat(ledger.all("world")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.SKIPPED);
		assertThat(ledger.all("world").get(0).error()).contains("two rows of source table items have no = A");
	}

	@Test
	void theSkipLimitCountsTheSkipsOfThisRunOnly() {
		JobConfig config = parse(
				"name: world\n" + APPS.replace("target: legacy_id", "target: note") + "skipLimit: 1\n");
		sourceFiles(1, file("a", "a.txt", 4));
		source.record(
				new KintoneRecord(2, 1, Map.of("attachments", new FieldValue.Files(List.of(file("b", "b.txt", 5))))));
		writeRecords(config, false, 1);

		writeRecords(config, true, 1); // an incremental run skips record 1 again: one
										// skip in this run
		writeRecords(config, false, 2); // another run: the skips of earlier runs are not
										// counted

		assertThat(ledger.all("world")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.SKIPPED);
		assertThatExceptionOfType(SkipLimitExceededException.class).isThrownBy(() -> writeRecords(config, true, 1, 2)); // one
																														// run
																														// skipping
																														// two
																														// records
	}

	private void userEditsTheTargetBeforeTheFirstUpdate() {
		AtomicBoolean edited = new AtomicBoolean();
		target.beforeUpdate = updates -> {
			if (edited.compareAndSet(false, true)) {
				target.edit(101, "note", text("edited by a user"));
			}
		};
	}

	private static KintoneRecord targetRecord(long id, long revision, String legacyId) {
		return new KintoneRecord(id, revision, Map.of("legacy_id", new FieldValue.Plain("NUMBER", legacyId), "note",
				text("x"), "documents", new FieldValue.Files(List.of())));
	}

	private static FieldValue.Plain text(String value) {
		return new FieldValue.Plain("SINGLE_LINE_TEXT", value);
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static FileInfo file(String key, String name, int size) {
		return new FileInfo(new FileKey(key), name, "text/plain", size);
	}

	private void sourceFiles(long revision, FileInfo... files) {
		source.record(new KintoneRecord(1, revision, Map.of("attachments", new FieldValue.Files(List.of(files)))));
	}

	private JobConfig config(String extra) {
		return parse("name: world\n" + APPS + extra);
	}

	private static JobConfig parse(String yaml) {
		return new JobConfigLoader(name -> null).parse(yaml, "job.yml");
	}

	private void write(JobConfig config, boolean incremental) {
		writeRecords(config, incremental);
	}

	/**
	 * One chunk, of the given source records (all when none are named), in a new run of
	 * the writer.
	 */
	private void writeRecords(JobConfig config, boolean incremental, long... ids) {
		chunkTransaction.executeWithoutResult(status -> writeChunk(config, incremental, ids));
	}

	/** What {@link #writeRecords} does, inside the caller's transaction. */
	private void writeChunk(JobConfig config, boolean incremental, long... ids) {
		MigrationRun run = new MigrationRun(config,
				DirectClients.over(connection -> switch ((int) connection.app().value()) {
					case 1 -> source;
					case 2 -> target;
					default -> otherTarget;
				}), usage, tmp.resolve("work"), Clock.systemUTC());
		runs.add(run);
		TargetRecordWriter writer = new TargetRecordWriter(run, ledger, Clock.systemUTC(), incremental,
				ChunkLookahead.NONE, new BudgetEstimate(100, 1));
		AttachmentExtractor extractor = new AttachmentExtractor(config, record -> true);
		List<Long> wanted = Arrays.stream(ids).boxed().toList();
		List<SourceItem> items = source.recordsAfter(0, 500, List.of(), null)
			.stream()
			.filter(record -> wanted.isEmpty() || wanted.contains(record.id()))
			.map(extractor::process)
			.toList();
		writer.write(new Chunk<>(items));
	}

	/**
	 * A run whose update reaches the target, killed before its chunk commits: the intent
	 * rows written ahead stay, what the chunk wrote after the update is lost.
	 */
	private void writeAndDieBeforeTheCommit(JobConfig config) {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> chunkTransaction.executeWithoutResult(status -> {
				writeChunk(config, false);
				throw new IllegalStateException("killed after the update, before the commit");
			}));
	}

	private List<String> contents(InMemoryKintoneClient app, String field) {
		return app.stored(101)
			.files(field)
			.stream()
			.map(f -> app.content(f.fileKey()) == null ? "?"
					: new String(app.content(f.fileKey()), StandardCharsets.UTF_8))
			.toList();
	}

}
