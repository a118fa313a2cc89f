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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JdbcMigrationLedgerTests {

	private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

	@TempDir
	Path dir;

	private DriverManagerDataSource dataSource;

	private TransactionTemplate chunk;

	private JdbcMigrationLedger ledger;

	@BeforeEach
	void openFileDatabase() {
		dataSource = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("ledger") + ";DB_CLOSE_DELAY=0", "sa", "");
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
			ledger.recordIntents("job", List.of(intent(7, 0, 5L)));
			ledger.markAttached("job", List.of(ref(7, 0)));
			status.setRollbackOnly();
		});

		// then
		LedgerEntry entry = ledger.entries("job", 1, List.of(7L)).get(0);
		assertThat(entry.status()).isEqualTo(LedgerStatus.INTENT);
		assertThat(entry.baseRevision()).isEqualTo(5L);
		assertThat(entry.uploadKey()).isEqualTo("upload-7-0");
		assertThat(entry.uploadedAt()).isEqualTo(NOW.minusSeconds(60));
		assertThat(entry.attempts()).isEqualTo(1);
	}

	@Test
	void attachedCommitsWithTheChunk() {
		chunk.executeWithoutResult(status -> {
			ledger.recordIntents("job", List.of(intent(7, 0, 5L), intent(7, 1, 5L)));
			ledger.markAttached("job", List.of(ref(7, 0), ref(7, 1)));
		});

		assertThat(ledger.entries("job", 1, List.of(7L))).extracting(LedgerEntry::status)
			.containsOnly(LedgerStatus.ATTACHED);
		assertThat(ledger.summary("job")).isEqualTo(new LedgerSummary(2, 200, 0, 0, 0));
	}

	@Test
	void aSecondIntentReplacesTheFirstAndCountsTheAttempt() {
		ledger.recordIntents("job", List.of(intent(7, 0, 5L)));
		ledger.recordIntents("job", List.of(intent(7, 0, 6L)));

		LedgerEntry entry = ledger.entries("job", 1, List.of(7L)).get(0);
		assertThat(entry.baseRevision()).isEqualTo(6L);
		assertThat(entry.attempts()).isEqualTo(2);
	}

	@Test
	void skippedRowsCarryTheirReasonAndAreCountedPerRecord() {
		chunk.executeWithoutResult(status -> ledger.markSkipped("job",
				List.of(LedgerEntry.skipped(ref(8, 0), "a.pdf", 10, null, "documents", "target record not found"),
						LedgerEntry.skipped(ref(8, 1), "b.pdf", 10, null, "documents", "target record not found"))));

		assertThat(ledger.all("job")).extracting(LedgerEntry::error).containsOnly("target record not found");
		assertThat(ledger.summary("job")).isEqualTo(new LedgerSummary(0, 0, 2, 1, 0));
	}

	@Test
	void jobsDoNotSeeEachOthersRows() {
		ledger.recordIntents("a", List.of(intent(7, 0, 5L)));

		assertThat(ledger.entries("b", 1, List.of(7L))).isEmpty();
		assertThat(ledger.all("a")).hasSize(1);
	}

	@Test
	void markingAnAttachmentWithoutItsIntentIsABug() {
		assertThatIllegalStateException().isThrownBy(() -> ledger.markAttached("job", List.of(ref(9, 0))));
	}

	private static AttachmentRef ref(long record, int index) {
		return new AttachmentRef(1, record, "attachments", "", index);
	}

	private static LedgerEntry intent(long record, int index, Long revision) {
		return new LedgerEntry(ref(record, index), "契約書.pdf", 100, "ab".repeat(32), 70L, "documents", revision, 1,
				"upload-" + record + "-" + index, NOW.minusSeconds(60), LedgerStatus.INTENT, 0, null);
	}

}
