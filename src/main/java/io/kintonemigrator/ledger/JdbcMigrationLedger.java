package io.kintonemigrator.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MigrationLedger} on the job repository's database, with {@link JdbcTemplate}. Give it
 * the same {@code DataSource} and transaction manager as the job repository so that rows marked
 * inside a chunk commit with the chunk. Upserts are update-then-insert, which is safe because two
 * processes never run the same job at once.
 */
public class JdbcMigrationLedger implements MigrationLedger {

	private static final String COLUMNS = "SOURCE_APP, SOURCE_RECORD, SOURCE_FIELD, SOURCE_ROW, FILE_INDEX, FILE_NAME, "
			+ "FILE_SIZE, SHA256, TARGET_RECORD, TARGET_FIELD, BASE_REVISION, EXPECTED_COUNT, UPLOAD_KEY, UPLOADED_AT, "
			+ "STATUS, ATTEMPTS, ERROR";

	private static final String KEY = "JOB_NAME = ? AND SOURCE_APP = ? AND SOURCE_RECORD = ? AND SOURCE_FIELD = ? "
			+ "AND SOURCE_ROW = ? AND FILE_INDEX = ?";

	private static final int MAX_ERROR = 2000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	public JdbcMigrationLedger(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	@Override
	public List<LedgerEntry> entries(String job, long sourceApp, Collection<Long> sourceRecords) {
		if (sourceRecords.isEmpty()) {
			return List.of();
		}
		List<Object> args = new ArrayList<>();
		args.add(job);
		args.add(sourceApp);
		args.addAll(sourceRecords);
		String marks = String.join(", ", java.util.Collections.nCopies(sourceRecords.size(), "?"));
		return jdbc.query("SELECT " + COLUMNS + " FROM KAM_ATTACHMENT WHERE JOB_NAME = ? AND SOURCE_APP = ? "
				+ "AND SOURCE_RECORD IN (" + marks + ")", ROW_MAPPER, args.toArray());
	}

	@Override
	public void recordIntents(String job, List<LedgerEntry> intents) {
		ownTransaction.executeWithoutResult(status -> {
			for (LedgerEntry intent : intents) {
				upsert(job, intent, LedgerStatus.INTENT, true);
			}
		});
	}

	@Override
	public void markAttached(String job, Collection<AttachmentRef> refs) {
		OffsetDateTime now = now();
		for (AttachmentRef ref : refs) {
			int updated = jdbc.update("UPDATE KAM_ATTACHMENT SET STATUS = ?, ERROR = NULL, UPDATED_AT = ? WHERE " + KEY,
					LedgerStatus.ATTACHED.name(), now, job, ref.sourceApp(), ref.sourceRecord(), ref.sourceField(),
					ref.sourceRow(), ref.fileIndex());
			if (updated != 1) {
				throw new IllegalStateException("no intent row to mark attached for " + ref + " of job " + job);
			}
		}
	}

	@Override
	public void markSkipped(String job, List<LedgerEntry> skipped) {
		for (LedgerEntry entry : skipped) {
			upsert(job, entry, LedgerStatus.SKIPPED, false);
		}
	}

	@Override
	public void markPresent(String job, List<LedgerEntry> present) {
		for (LedgerEntry entry : present) {
			upsert(job, entry, LedgerStatus.ATTACHED, false);
		}
	}

	@Override
	public void forget(String job, Collection<AttachmentRef> refs) {
		for (AttachmentRef ref : refs) {
			jdbc.update("DELETE FROM KAM_ATTACHMENT WHERE " + KEY, job, ref.sourceApp(), ref.sourceRecord(),
					ref.sourceField(), ref.sourceRow(), ref.fileIndex());
		}
	}

	@Override
	public List<LedgerEntry> all(String job) {
		return jdbc.query("SELECT " + COLUMNS + " FROM KAM_ATTACHMENT WHERE JOB_NAME = ? "
				+ "ORDER BY SOURCE_RECORD, SOURCE_FIELD, SOURCE_ROW, FILE_INDEX", ROW_MAPPER, job);
	}

	@Override
	public LedgerSummary summary(String job) {
		return jdbc.queryForObject("SELECT "
				+ "COALESCE(SUM(CASE WHEN STATUS = 'ATTACHED' THEN 1 ELSE 0 END), 0), "
				+ "COALESCE(SUM(CASE WHEN STATUS = 'ATTACHED' THEN FILE_SIZE ELSE 0 END), 0), "
				+ "COALESCE(SUM(CASE WHEN STATUS = 'SKIPPED' THEN 1 ELSE 0 END), 0), "
				+ "COUNT(DISTINCT CASE WHEN STATUS = 'SKIPPED' THEN SOURCE_RECORD END), "
				+ "COALESCE(SUM(CASE WHEN STATUS = 'INTENT' THEN 1 ELSE 0 END), 0) "
				+ "FROM KAM_ATTACHMENT WHERE JOB_NAME = ?",
				(rs, i) -> new LedgerSummary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
				job);
	}

	private void upsert(String job, LedgerEntry entry, LedgerStatus status, boolean countAttempt) {
		AttachmentRef ref = entry.ref();
		OffsetDateTime now = now();
		String error = entry.error() == null ? null : truncate(entry.error());
		int updated = jdbc.update("UPDATE KAM_ATTACHMENT SET FILE_NAME = ?, FILE_SIZE = ?, SHA256 = ?, TARGET_RECORD = ?, "
				+ "TARGET_FIELD = ?, BASE_REVISION = ?, EXPECTED_COUNT = ?, UPLOAD_KEY = ?, UPLOADED_AT = ?, STATUS = ?, "
				+ "ATTEMPTS = ATTEMPTS + ?, ERROR = ?, UPDATED_AT = ? WHERE " + KEY, entry.fileName(), entry.size(),
				entry.sha256(), entry.targetRecord(), entry.targetField(), entry.baseRevision(), entry.expectedCount(),
				entry.uploadKey(), utc(entry.uploadedAt()), status.name(), countAttempt ? 1 : 0, error, now, job,
				ref.sourceApp(), ref.sourceRecord(), ref.sourceField(), ref.sourceRow(), ref.fileIndex());
		if (updated == 0) {
			jdbc.update("INSERT INTO KAM_ATTACHMENT (JOB_NAME, " + COLUMNS + ", CREATED_AT, UPDATED_AT) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", job, ref.sourceApp(),
					ref.sourceRecord(), ref.sourceField(), ref.sourceRow(), ref.fileIndex(), entry.fileName(),
					entry.size(), entry.sha256(), entry.targetRecord(), entry.targetField(), entry.baseRevision(),
					entry.expectedCount(), entry.uploadKey(), utc(entry.uploadedAt()), status.name(),
					countAttempt ? 1 : 0, error, now, now);
		}
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static String truncate(String error) {
		return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR - 1) + "…";
	}

	private static final RowMapper<LedgerEntry> ROW_MAPPER = (ResultSet rs, int i) -> new LedgerEntry(
			new AttachmentRef(rs.getLong("SOURCE_APP"), rs.getLong("SOURCE_RECORD"), rs.getString("SOURCE_FIELD"),
					rs.getString("SOURCE_ROW"), rs.getInt("FILE_INDEX")),
			rs.getString("FILE_NAME"), rs.getLong("FILE_SIZE"), rs.getString("SHA256"), nullableLong(rs, "TARGET_RECORD"),
			rs.getString("TARGET_FIELD"), nullableLong(rs, "BASE_REVISION"), nullableInt(rs, "EXPECTED_COUNT"),
			rs.getString("UPLOAD_KEY"), instant(rs, "UPLOADED_AT"), LedgerStatus.valueOf(rs.getString("STATUS")),
			rs.getInt("ATTEMPTS"), rs.getString("ERROR"));

	private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable Integer nullableInt(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
