package io.kintonemigrator.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcMigrationLedgerTests {

	private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

	@TempDir
	Path dir;

	private DriverManagerDataSource dataSource;

	private TransactionTemplate chunk;

	private JdbcMigrationLedger ledger;

	@BeforeEach
	void openFileDatabase() {
		dataSource = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("ledger") + ";DB_CLOSE_DELAY=0", "sa",
				"");
		LedgerSchema.apply(dataSource);
		LedgerSchema.apply(dataSource); // idempotent: applied at every startup
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		chunk = new TransactionTemplate(transactionManager);
		ledger = new JdbcMigrationLedger(new JdbcTemplate(dataSource), transactionManager,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void anIntentSurvivesTheRollbackOfTheChunkItWasWrittenIn() {
		// when
		chunk.executeWithoutResult(status -> {
			ledger.recordIntents("job", List.of(intent(7, "a.pdf", 5L)));
			ledger.markAttached("job", List.of(attached(intent(7, "a.pdf", 5L))));
			status.setRollbackOnly();
		});

		// then
		LedgerEntry entry = ledger.entries("job", 1, List.of(7L)).get(0);
		assertThat(entry.status()).isEqualTo(LedgerStatus.INTENT);
		assertThat(entry.intent().baseRevision()).isEqualTo(5L);
		assertThat(entry.intent().uploadKey()).isEqualTo("upload-7-a.pdf");
		assertThat(entry.intent().uploadedAt()).isEqualTo(NOW.minusSeconds(60));
		assertThat(entry.intent().expectedTotal()).isEqualTo(3);
		assertThat(entry.target()).isEqualTo(new LedgerEntry.Target("http://t|2|null", 70L, "documents"));
		assertThat(entry.sourceFileKey()).isEqualTo("src-a.pdf");
		assertThat(entry.fingerprint()).isEqualTo("fp");
		assertThat(entry.attempts()).isEqualTo(1);
	}

	@Test
	void attachedCommitsWithTheChunk() {
		chunk.executeWithoutResult(status -> {
			ledger.recordIntents("job", List.of(intent(7, "a.pdf", 5L), intent(7, "b.pdf", 5L)));
			ledger.markAttached("job", List.of(attached(intent(7, "a.pdf", 5L)), attached(intent(7, "b.pdf", 5L))));
		});

		assertThat(ledger.entries("job", 1, List.of(7L))).extracting(LedgerEntry::status)
			.containsOnly(LedgerStatus.ATTACHED);
		assertThat(ledger.summary("job")).isEqualTo(new LedgerSummary(2, 200, 0, 0, 0));
	}

	@Test
	void anAttachedRowWithoutItsOwnIntentKeepsTheIntentsHash() {
		ledger.recordIntents("job", List.of(intent(7, "a.pdf", 5L)));
		LedgerEntry bare = new LedgerEntry(ref(7, "a.pdf", 0), 0, "src-a.pdf", null,
				new LedgerEntry.Target("http://t|2|null", 70L, "documents"), null, LedgerStatus.ATTACHED, 0, null,
				"fp");

		chunk.executeWithoutResult(status -> ledger.markAttached("job", List.of(bare)));

		LedgerEntry entry = ledger.entries("job", 1, List.of(7L)).get(0);
		assertThat(entry.status()).isEqualTo(LedgerStatus.ATTACHED);
		assertThat(entry.sha256()).isEqualTo("ab".repeat(32));
		assertThat(entry.intent().baseRevision()).isEqualTo(5L);
	}

	@Test
	void rowsAreNamedByFileNotByPosition() {
		ledger.recordIntents("job", List.of(intent(7, "a.pdf", 5L), intent(7, "b.pdf", 5L)));

		chunk.executeWithoutResult(status -> ledger.forget("job", List.of(ref(7, "a.pdf", 0))));

		assertThat(ledger.entries("job", 1, List.of(7L))).extracting(LedgerEntry::fileName).containsExactly("b.pdf");
	}

	@Test
	void aSecondIntentReplacesTheFirstAndCountsTheAttempt() {
		ledger.recordIntents("job", List.of(intent(7, "a.pdf", 5L)));
		ledger.recordIntents("job", List.of(intent(7, "a.pdf", 6L)));

		LedgerEntry entry = ledger.entries("job", 1, List.of(7L)).get(0);
		assertThat(entry.intent().baseRevision()).isEqualTo(6L);
		assertThat(entry.attempts()).isEqualTo(2);
	}

	@Test
	void skippedRowsCarryTheirReasonAndAreCountedPerRecord() {
		LedgerEntry.Target noTarget = new LedgerEntry.Target("http://t|2|null", null, "documents");
		chunk.executeWithoutResult(status -> ledger.markSkipped("job",
				List.of(LedgerEntry.skipped(ref(8, "a.pdf", 0), 0, "k1", noTarget, "target record not found", "fp"),
						LedgerEntry.skipped(ref(8, "b.pdf", 0), 1, "k2", noTarget, "target record not found", "fp"))));

		assertThat(ledger.all("job")).extracting(LedgerEntry::error).containsOnly("target record not found");
		assertThat(ledger.summary("job")).isEqualTo(new LedgerSummary(0, 0, 2, 1, 0));
	}

	@Test
	void theSourceRecordsWhoseFilesWentToATargetRecordAreFoundForItsApp() {
		ledger.recordIntents("job", List.of(intent(7, "a.pdf", 5L), intent(9, "c.pdf", 5L)));

		assertThat(ledger.sourcesOf("job", "http://t|2|null", List.of(70L, 71L))).containsOnlyKeys(70L);
		assertThat(ledger.sourcesOf("job", "http://t|2|null", List.of(70L)).get(70L)).containsExactly(7L, 9L);
		assertThat(ledger.sourcesOf("job", "http://other|2|null", List.of(70L))).isEmpty();
	}

	@Test
	void jobsDoNotSeeEachOthersRows() {
		ledger.recordIntents("a", List.of(intent(7, "a.pdf", 5L)));

		assertThat(ledger.entries("b", 1, List.of(7L))).isEmpty();
		assertThat(ledger.all("a")).hasSize(1);
	}

	@Test
	void rowsOfTheLedgerBefore20AreCarriedOverWithTheirOccurrence() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		for (int index = 0; index < 3; index++) {
			jdbc.update(
					"INSERT INTO KAM_ATTACHMENT (JOB_NAME, SOURCE_APP, SOURCE_RECORD, SOURCE_FIELD, SOURCE_ROW, "
							+ "FILE_INDEX, FILE_NAME, FILE_SIZE, STATUS, ATTEMPTS, CREATED_AT, UPDATED_AT) "
							+ "VALUES ('old', 1, 7, 'attachments', '', ?, ?, 10, 'ATTACHED', 1, ?, ?)",
					index, index == 1 ? "b.pdf" : "a.pdf", NOW.atOffset(ZoneOffset.UTC), NOW.atOffset(ZoneOffset.UTC));
		}

		LedgerSchema.apply(dataSource);
		LedgerSchema.apply(dataSource);

		assertThat(ledger.all("old")).extracting(e -> e.fileName() + "#" + e.ref().occurrence() + "@" + e.fileIndex())
			.containsExactlyInAnyOrder("a.pdf#0@0", "b.pdf#0@1", "a.pdf#1@2");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM KAM_ATTACHMENT", Integer.class)).isZero();
	}

	private static AttachmentRef ref(long record, String name, int occurrence) {
		return new AttachmentRef(1, record, "attachments", "", name, 100, occurrence);
	}

	private static LedgerEntry intent(long record, String name, Long revision) {
		return new LedgerEntry(ref(record, name, 0), 0, "src-" + name, "ab".repeat(32),
				new LedgerEntry.Target("http://t|2|null", 70L, "documents"),
				new LedgerEntry.Intent(revision, 1, 3, "upload-" + record + "-" + name, NOW.minusSeconds(60)),
				LedgerStatus.INTENT, 0, null, "fp");
	}

	private static LedgerEntry attached(LedgerEntry intent) {
		return new LedgerEntry(intent.ref(), intent.fileIndex(), intent.sourceFileKey(), intent.sha256(),
				intent.target(), intent.intent(), LedgerStatus.ATTACHED, 0, null, intent.fingerprint());
	}

}
