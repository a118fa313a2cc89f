package io.kintonemigrator.migration;

import io.kintonemigrator.testsupport.DirectClients;

import io.kintonemigrator.ledger.JdbcApiUsageLedger;
import io.kintonemigrator.migration.budget.BudgetEstimate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.ledger.JdbcMigrationLedger;
import io.kintonemigrator.ledger.LeaseFence;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerSchema;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.testsupport.InMemoryKintoneClient;

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
 * The writer's decisions against in-memory apps and a real H2 ledger: what reaches the
 * target, what the ledger says, and what a second pass after a rolled-back chunk does.
 * The same stories run end to end against the emulator in the functional tests.
 */
class TargetRecordWriterTests {

	private static final String JOB = """
			name: writer-test
			source: { baseUrl: "http://localhost:1", app: 1, apiToken: s }
			target: { baseUrl: "http://localhost:1", app: 2, apiToken: t }
			match: { source: $id, target: legacy_id }
			files:
			  - { from: attachments, to: documents }
			onExisting: append
			""";

	@TempDir
	Path tmp;

	private final InMemoryKintoneClient source = new InMemoryKintoneClient(1);

	private final InMemoryKintoneClient target = new InMemoryKintoneClient(2);

	private JdbcMigrationLedger ledger;

	private JdbcApiUsageLedger usage;

	private TransactionTemplate chunkTransaction;

	private MigrationRun run;

	@BeforeEach
	void setUp() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:file:" + tmp.resolve("db"), "sa", "");
		LedgerSchema.apply(dataSource);
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		chunkTransaction = new TransactionTemplate(transactionManager);
		ledger = new JdbcMigrationLedger(new JdbcTemplate(dataSource), transactionManager, Clock.systemUTC());
		usage = new JdbcApiUsageLedger(new JdbcTemplate(dataSource), transactionManager, Clock.systemUTC());
		for (long id = 1; id <= 3; id++) {
			source.file("src-" + id, ("content of " + id).getBytes(StandardCharsets.UTF_8));
			source.record(new KintoneRecord(id, 1, Map.of("attachments", new FieldValue.Files(
					List.of(new FileInfo(new FileKey("src-" + id), "報告書" + id + ".pdf", "application/pdf", 12))))));
			target.record(new KintoneRecord(100 + id, 5,
					Map.of("legacy_id", new FieldValue.Plain("NUMBER", "" + id), "note",
							new FieldValue.Plain("SINGLE_LINE_TEXT", "before"), "documents",
							new FieldValue.Files(List.of()))));
		}
	}

	@AfterEach
	void tearDown() {
		if (run != null) {
			run.destroy();
		}
	}

	@Test
	void attachesEveryFileWithOneLookupAndOneBulkUpdate() {
		writeChunk(config(JOB), false);

		for (long id = 1; id <= 3; id++) {
			assertThat(contentsOf(100 + id)).containsExactly("content of " + id);
		}
		assertThat(target.lookups).hasValue(1);
		assertThat(target.updateRequests).hasSize(1);
		assertThat(ledger.all("writer-test")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.ATTACHED);
	}

	@Test
	void anUpdateKintoneAcceptedBeforeTheChunkRolledBackIsRecognisedAndNotRepeated() {
		JobConfig config = config(JOB);
		writeChunk(config, true); // kintone applied the update, then our chunk
									// transaction was lost
		assertThat(ledger.all("writer-test")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.INTENT);

		writeChunk(config, false);

		for (long id = 1; id <= 3; id++) {
			assertThat(contentsOf(100 + id)).containsExactly("content of " + id);
		}
		assertThat(target.updateRequests).hasSize(1);
		assertThat(ledger.all("writer-test")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.ATTACHED);
	}

	@Test
	void anIntentWhoseUpdateNeverArrivedIsSentAgainWithItsUploadKey() {
		JobConfig config = config(JOB);
		target.beforeUpdate = updates -> {
			throw new IllegalStateException("process died before the update went out");
		};
		try {
			writeChunk(config, false);
		}
		catch (IllegalStateException expected) {
			// the chunk failed
		}
		target.beforeUpdate = updates -> {
		};
		long uploadsBefore = ledger.all("writer-test").stream().map(e -> e.intent().uploadKey()).distinct().count();

		writeChunk(config, false);

		for (long id = 1; id <= 3; id++) {
			assertThat(contentsOf(100 + id)).containsExactly("content of " + id);
		}
		assertThat(uploadsBefore).isEqualTo(3);
		assertThat(ledger.all("writer-test")).extracting(LedgerEntry::attempts).containsOnly(2);
		assertThat(target.updateRequests).hasSize(1);
	}

	@Test
	void theUpdateListenerIsToldOnceTheIntentsAreCommittedAndOnceTheUpdateIsAppliedBeforeTheChunkCommits() {
		JobConfig config = config(JOB);
		run = new MigrationRun(config,
				DirectClients.over(connection -> connection.app().value() == 1 ? source : target), usage,
				tmp.resolve("work"), Clock.systemUTC());
		List<String> seen = new ArrayList<>();
		BulkUpdateListener listener = new BulkUpdateListener() {

			@Override
			public void beforeUpdate() {
				seen.add("before: " + window());
			}

			@Override
			public void afterUpdate() {
				seen.add("after: " + window());
			}

			private String window() {
				return target.uploadCount() + " uploads, " + target.updateRequests.size() + " updates, ledger "
						+ ledger.all("writer-test").stream().map(LedgerEntry::status).toList();
			}

		};
		TargetRecordWriter writer = new TargetRecordWriter(run, ledger, Clock.systemUTC(), false, ChunkLookahead.NONE,
				new BudgetEstimate(1, 0), LeaseFence.NONE, listener);
		AttachmentExtractor extractor = new AttachmentExtractor(config);
		List<SourceItem> items = source.recordsAfter(0, 500, List.of(), null).stream().map(extractor::process).toList();

		chunkTransaction.executeWithoutResult(status -> writer.write(new Chunk<>(items)));

		assertThat(seen).containsExactly("before: 3 uploads, 0 updates, ledger [INTENT, INTENT, INTENT]",
				"after: 3 uploads, 1 updates, ledger [INTENT, INTENT, INTENT]");
		assertThat(ledger.all("writer-test")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.ATTACHED);
	}

	@Test
	void aConcurrentEditIsKeptAndTheFilesStillArrive() {
		AtomicBoolean edited = new AtomicBoolean();
		target.beforeUpdate = updates -> {
			if (edited.compareAndSet(false, true)) {
				target.edit(102, "note", new FieldValue.Plain("SINGLE_LINE_TEXT", "edited by a user"));
			}
		};

		writeChunk(config(JOB), false);

		assertThat(target.stored(102).fields().get("note"))
			.isEqualTo(new FieldValue.Plain("SINGLE_LINE_TEXT", "edited by a user"));
		assertThat(contentsOf(102)).containsExactly("content of 2");
		assertThat(target.lookups).hasValue(2);
	}

	@Test
	void aSourceRecordWithoutTargetIsSkippedWithItsReason() {
		target.edit(103, "legacy_id", new FieldValue.Plain("NUMBER", "999"));

		writeChunk(config(JOB), false);

		assertThat(ledger.entries("writer-test", 1, List.of(3L))).singleElement().satisfies(entry -> {
			assertThat(entry.status()).isEqualTo(LedgerStatus.SKIPPED);
			assertThat(entry.error()).isEqualTo("no target record has legacy_id = 3");
		});
		assertThat(contentsOf(101)).containsExactly("content of 1");
	}

	@Test
	void onMissingTargetFailStopsTheChunkBeforeAnyWrite() {
		target.edit(103, "legacy_id", new FieldValue.Plain("NUMBER", "999"));

		assertThatExceptionOfType(MissingTargetException.class)
			.isThrownBy(() -> writeChunk(config(JOB + "onMissingTarget: fail\n"), false))
			.withMessage("source record 3: no target record has legacy_id = 3 (onMissingTarget: fail)");
		assertThat(target.updateRequests).isEmpty();
		assertThat(ledger.all("writer-test")).isEmpty();
	}

	@Test
	void moreSkippedRecordsThanTheLimitFailTheChunk() {
		target.edit(102, "legacy_id", new FieldValue.Plain("NUMBER", "998"));
		target.edit(103, "legacy_id", new FieldValue.Plain("NUMBER", "999"));

		assertThatExceptionOfType(SkipLimitExceededException.class)
			.isThrownBy(() -> writeChunk(config(JOB + "skipLimit: 1\n"), false));
		assertThat(target.updateRequests).isEmpty(); // found out before anything was sent
		assertThat(ledger.all("writer-test")).isEmpty();
	}

	@Test
	void aSecondPassOverADoneChunkCostsNoRequest() {
		JobConfig config = config(JOB);
		writeChunk(config, false);

		writeChunk(config, false);

		assertThat(target.lookups).hasValue(1);
		assertThat(target.updateRequests).hasSize(1);
	}

	@Test
	void theNextChunksFilesMoveWhileThisChunkFinishesAndNothingOfThemIsRecordedBeforeItsChunk() {
		JobConfig config = config(JOB);
		TargetRecordWriter writer = writer(config, items(config, 2, 3));

		write(writer, items(config, 1));

		assertThat(source.downloads).hasValue(3);
		assertThat(target.uploadCount()).isEqualTo(3);
		assertThat(target.lookups).hasValue(2);
		assertThat(contentsOf(102)).isEmpty();
		assertThat(contentsOf(103)).isEmpty();
		assertThat(ledger.entries("writer-test", 1, List.of(2L, 3L))).isEmpty();

		write(writer, items(config, 2, 3));

		assertThat(contentsOf(101)).containsExactly("content of 1");
		assertThat(contentsOf(102)).containsExactly("content of 2");
		assertThat(contentsOf(103)).containsExactly("content of 3");
		// the chunk took over the transfers and the target lookup: no request twice
		assertThat(source.downloads).hasValue(3);
		assertThat(target.uploadCount()).isEqualTo(3);
		assertThat(target.lookups).hasValue(2);
		assertThat(target.updateRequests).hasSize(2);
		assertThat(ledger.all("writer-test")).hasSize(3)
			.extracting(LedgerEntry::status)
			.containsOnly(LedgerStatus.ATTACHED);
	}

	@Test
	void aPrefetchedChunkThatNeverRunsIsMovedAgainByTheNextRunAndAttachedOnce() {
		JobConfig config = config(JOB);
		write(writer(config, items(config, 2, 3)), items(config, 1)); // then the process
																		// dies
		run.destroy();
		run = null;

		write(writer(config, ChunkLookahead.NONE), items(config, 2, 3));

		assertThat(contentsOf(102)).containsExactly("content of 2");
		assertThat(contentsOf(103)).containsExactly("content of 3");
		assertThat(target.uploadCount()).isEqualTo(5); // the two prefetched upload keys
														// were never used
		assertThat(ledger.all("writer-test")).hasSize(3)
			.extracting(LedgerEntry::status)
			.containsOnly(LedgerStatus.ATTACHED);
	}

	@Test
	void onlyFilesTheChunkWouldMoveItselfAreMovedEarly() {
		JobConfig config = config(JOB);
		target.edit(103, "legacy_id", new FieldValue.Plain("NUMBER", "999")); // record 3
																				// has no
																				// target
		TargetRecordWriter writer = writer(config, items(config, 2, 3));

		write(writer, items(config, 1));

		assertThat(target.uploadCount()).isEqualTo(2); // record 1's and record 2's
	}

	@Test
	void aChunkWithLedgerRowsIsNotMovedEarly() {
		JobConfig config = config(JOB);
		writeChunk(config, true); // kintone took the update, the chunk rolled back:
									// INTENT rows for records 1-3
		int uploads = target.uploadCount();

		// what a restart resumes is decided against a fresh read of the target, in its
		// own chunk
		write(writer(config, items(config, 2, 3)), items(config, 1));

		assertThat(target.uploadCount()).isEqualTo(uploads);
		assertThat(target.lookups).hasValue(2);
	}

	private TargetRecordWriter writer(JobConfig config, ChunkLookahead lookahead) {
		if (run == null) {
			run = new MigrationRun(config,
					DirectClients.over(connection -> connection.app().value() == 1 ? source : target), usage,
					tmp.resolve("work"), Clock.systemUTC());
		}
		return new TargetRecordWriter(run, ledger, Clock.systemUTC(), false, lookahead, new BudgetEstimate(100, 1));
	}

	/**
	 * The given records, once: what the reader shows after the chunk; nothing after that
	 * (the end of the app).
	 */
	private ChunkLookahead items(JobConfig config, long... ids) {
		AttachmentExtractor extractor = new AttachmentExtractor(config);
		AtomicBoolean shown = new AtomicBoolean();
		return () -> shown.getAndSet(true) ? List.of()
				: Arrays.stream(ids).mapToObj(id -> extractor.process(source.record(id))).toList();
	}

	private void write(TargetRecordWriter writer, ChunkLookahead items) {
		write(writer, items.next());
	}

	/**
	 * Writes the chunk, then waits for every transfer queued so far (the next chunk's
	 * too), so the counts are final.
	 */
	private void write(TargetRecordWriter writer, List<SourceItem> items) {
		chunkTransaction.executeWithoutResult(status -> writer.write(new Chunk<>(items)));
		ThreadPoolExecutor transfers = (ThreadPoolExecutor) run.transfers();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (transfers.getCompletedTaskCount() < transfers.getTaskCount() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		assertThat(transfers.getCompletedTaskCount()).as("transfers finished").isEqualTo(transfers.getTaskCount());
	}

	private JobConfig config(String yaml) {
		return new JobConfigLoader(name -> null).parse(yaml, "job.yml");
	}

	private void writeChunk(JobConfig config, boolean rollBack) {
		if (run == null) {
			run = new MigrationRun(config,
					DirectClients.over(connection -> connection.app().value() == 1 ? source : target), usage,
					tmp.resolve("work"), Clock.systemUTC());
		}
		TargetRecordWriter writer = new TargetRecordWriter(run, ledger, Clock.systemUTC());
		AttachmentExtractor extractor = new AttachmentExtractor(config);
		List<SourceItem> items = source.recordsAfter(0, 500, List.of(), null).stream().map(extractor::process).toList();
		chunkTransaction.executeWithoutResult(status -> {
			writer.write(new Chunk<>(items));
			if (rollBack) {
				status.setRollbackOnly();
			}
		});
	}

	private List<String> contentsOf(long targetRecord) {
		return target.stored(targetRecord)
			.files("documents")
			.stream()
			.map(file -> new String(target.content(file.fileKey()), StandardCharsets.UTF_8))
			.toList();
	}

}
