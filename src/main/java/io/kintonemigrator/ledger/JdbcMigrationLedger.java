package io.kintonemigrator.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MigrationLedger} on the job repository's database, with {@link JdbcTemplate}.
 * Give it the same {@code DataSource} and transaction manager as the job repository so
 * that rows marked inside a chunk commit with the chunk. Upserts are update-then-insert,
 * which is safe because two processes never run the same job at once. Table
 * {@code KAM_LEDGER}.
 */
public class JdbcMigrationLedger implements MigrationLedger {

	private static final String COLUMNS = "SOURCE_APP, SOURCE_RECORD, SOURCE_FIELD, SOURCE_ROW, FILE_NAME, FILE_SIZE, "
			+ "OCCURRENCE, FILE_INDEX, SOURCE_FILE_KEY, SHA256, TARGET_APP, TARGET_RECORD, TARGET_FIELD, BASE_REVISION, "
			+ "EXPECTED_COUNT, EXPECTED_TOTAL, UPLOAD_KEY, UPLOADED_AT, STATUS, ATTEMPTS, ERROR, FINGERPRINT";

	private static final String KEY = "JOB_NAME = ? AND SOURCE_APP = ? AND SOURCE_RECORD = ? AND SOURCE_FIELD = ? "
			+ "AND SOURCE_ROW = ? AND FILE_NAME = ? AND FILE_SIZE = ? AND OCCURRENCE = ?";

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
		return jdbc.query("SELECT " + COLUMNS + " FROM KAM_LEDGER WHERE JOB_NAME = ? AND SOURCE_APP = ? "
				+ "AND SOURCE_RECORD IN (" + marks(sourceRecords.size()) + ") ORDER BY SOURCE_RECORD, FILE_INDEX",
				ROW_MAPPER, args.toArray());
	}

	@Override
	public Map<Long, List<Long>> sourcesOf(String job, String targetApp, Collection<Long> targetRecords) {
		Map<Long, List<Long>> sources = new LinkedHashMap<>();
		if (targetRecords.isEmpty()) {
			return sources;
		}
		List<Object> args = new ArrayList<>();
		args.add(job);
		args.add(targetApp);
		args.addAll(targetRecords);
		jdbc.query("SELECT DISTINCT TARGET_RECORD, SOURCE_RECORD FROM KAM_LEDGER WHERE JOB_NAME = ? "
				+ "AND (TARGET_APP = ? OR TARGET_APP IS NULL) AND STATUS <> 'SKIPPED' AND TARGET_RECORD IN ("
				+ marks(targetRecords.size()) + ") ORDER BY SOURCE_RECORD", (RowCallbackHandler) rs -> {
					sources.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
				}, args.toArray());
		return sources;
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
	public void markAttached(String job, List<LedgerEntry> attached) {
		for (LedgerEntry entry : attached) {
			upsert(job, entry, LedgerStatus.ATTACHED, false);
		}
	}

	@Override
	public void markSkipped(String job, List<LedgerEntry> skipped) {
		for (LedgerEntry entry : skipped) {
			upsert(job, entry, LedgerStatus.SKIPPED, false);
		}
	}

	@Override
	public void forget(String job, Collection<AttachmentRef> refs) {
		for (AttachmentRef ref : refs) {
			jdbc.update("DELETE FROM KAM_LEDGER WHERE " + KEY, key(job, ref));
		}
	}

	@Override
	public List<LedgerEntry> all(String job) {
		return jdbc.query(
				"SELECT " + COLUMNS + " FROM KAM_LEDGER WHERE JOB_NAME = ? "
						+ "ORDER BY SOURCE_RECORD, SOURCE_FIELD, SOURCE_ROW, FILE_INDEX, FILE_NAME, OCCURRENCE",
				ROW_MAPPER, job);
	}

	@Override
	public NavigableSet<Long> recordsToRetry(String job, long sourceApp) {
		return new TreeSet<>(jdbc.queryForList(
				"SELECT DISTINCT SOURCE_RECORD FROM KAM_LEDGER WHERE JOB_NAME = ? AND SOURCE_APP = ? "
						+ "AND STATUS IN ('" + LedgerStatus.SKIPPED + "', '" + LedgerStatus.INTENT + "')",
				Long.class, job, sourceApp));
	}

	@Override
	public LedgerSummary summary(String job) {
		return jdbc.queryForObject(
				"SELECT " + "COALESCE(SUM(CASE WHEN STATUS = 'ATTACHED' THEN 1 ELSE 0 END), 0), "
						+ "COALESCE(SUM(CASE WHEN STATUS = 'ATTACHED' THEN FILE_SIZE ELSE 0 END), 0), "
						+ "COALESCE(SUM(CASE WHEN STATUS = 'SKIPPED' THEN 1 ELSE 0 END), 0), "
						+ "COUNT(DISTINCT CASE WHEN STATUS = 'SKIPPED' THEN SOURCE_RECORD END), "
						+ "COALESCE(SUM(CASE WHEN STATUS = 'INTENT' THEN 1 ELSE 0 END), 0) "
						+ "FROM KAM_LEDGER WHERE JOB_NAME = ?",
				(rs, i) -> new LedgerSummary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
				job);
	}

	/**
	 * Update-then-insert. An ATTACHED row written without a hash or an intent keeps the
	 * ones its intent had.
	 */
	private void upsert(String job, LedgerEntry entry, LedgerStatus status, boolean countAttempt) {
		OffsetDateTime now = now();
		String error = entry.error() == null ? null : truncate(entry.error());
		LedgerEntry.Target target = entry.target();
		LedgerEntry.Intent intent = entry.intent();
		List<Object> values = new ArrayList<>(List.of(entry.fileIndex()));
		values.addAll(Arrays.asList(entry.sourceFileKey(), entry.sha256(), target == null ? null : target.app(),
				target == null ? null : target.record(), target == null ? null : target.field(),
				intent == null ? null : intent.baseRevision(), intent == null ? null : intent.expectedCount(),
				intent == null ? null : intent.expectedTotal(), intent == null ? null : intent.uploadKey(),
				intent == null ? null : utc(intent.uploadedAt()), status.name(), countAttempt ? 1 : 0, error,
				entry.fingerprint(), now));
		boolean keepIntent = status == LedgerStatus.ATTACHED && intent == null;
		String set = keepIntent
				? "FILE_INDEX = ?, SOURCE_FILE_KEY = ?, SHA256 = COALESCE(?, SHA256), TARGET_APP = ?, TARGET_RECORD = ?, "
						+ "TARGET_FIELD = ?, BASE_REVISION = COALESCE(?, BASE_REVISION), "
						+ "EXPECTED_COUNT = COALESCE(?, EXPECTED_COUNT), EXPECTED_TOTAL = COALESCE(?, EXPECTED_TOTAL), "
						+ "UPLOAD_KEY = COALESCE(?, UPLOAD_KEY), UPLOADED_AT = COALESCE(?, UPLOADED_AT), "
				: "FILE_INDEX = ?, SOURCE_FILE_KEY = ?, SHA256 = ?, TARGET_APP = ?, TARGET_RECORD = ?, TARGET_FIELD = ?, "
						+ "BASE_REVISION = ?, EXPECTED_COUNT = ?, EXPECTED_TOTAL = ?, UPLOAD_KEY = ?, UPLOADED_AT = ?, ";
		List<Object> update = new ArrayList<>(values);
		update.addAll(Arrays.asList(key(job, entry.ref())));
		int updated = jdbc.update("UPDATE KAM_LEDGER SET " + set + "STATUS = ?, ATTEMPTS = ATTEMPTS + ?, ERROR = ?, "
				+ "FINGERPRINT = ?, UPDATED_AT = ? WHERE " + KEY, update.toArray());
		if (updated == 0) {
			List<Object> insert = new ArrayList<>(Arrays.asList(key(job, entry.ref())));
			insert.addAll(values);
			insert.add(now);
			jdbc.update(
					"INSERT INTO KAM_LEDGER (JOB_NAME, SOURCE_APP, SOURCE_RECORD, SOURCE_FIELD, SOURCE_ROW, FILE_NAME, "
							+ "FILE_SIZE, OCCURRENCE, FILE_INDEX, SOURCE_FILE_KEY, SHA256, TARGET_APP, TARGET_RECORD, TARGET_FIELD, "
							+ "BASE_REVISION, EXPECTED_COUNT, EXPECTED_TOTAL, UPLOAD_KEY, UPLOADED_AT, STATUS, ATTEMPTS, ERROR, "
							+ "FINGERPRINT, UPDATED_AT, CREATED_AT) VALUES (" + marks(25) + ")",
					insert.toArray());
		}
	}

	private static Object[] key(String job, AttachmentRef ref) {
		return new Object[] { job, ref.sourceApp(), ref.sourceRecord(), ref.sourceField(), ref.sourceRow(),
				ref.fileName(), ref.fileSize(), ref.occurrence() };
	}

	private static String marks(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
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

	private static final RowMapper<LedgerEntry> ROW_MAPPER = (ResultSet rs, int i) -> {
		Long targetRecord = nullableLong(rs, "TARGET_RECORD");
		String targetField = rs.getString("TARGET_FIELD");
		Long baseRevision = nullableLong(rs, "BASE_REVISION");
		Integer expectedCount = nullableInt(rs, "EXPECTED_COUNT");
		String uploadKey = rs.getString("UPLOAD_KEY");
		Instant uploadedAt = instant(rs, "UPLOADED_AT");
		LedgerEntry.Target target = targetField == null ? null
				: new LedgerEntry.Target(rs.getString("TARGET_APP"), targetRecord, targetField);
		LedgerEntry.Intent intent = baseRevision == null || expectedCount == null || uploadKey == null
				|| uploadedAt == null ? null
						: new LedgerEntry.Intent(baseRevision, expectedCount, nullableInt(rs, "EXPECTED_TOTAL"),
								uploadKey, uploadedAt);
		return new LedgerEntry(
				new AttachmentRef(rs.getLong("SOURCE_APP"), rs.getLong("SOURCE_RECORD"), rs.getString("SOURCE_FIELD"),
						rs.getString("SOURCE_ROW"), rs.getString("FILE_NAME"), rs.getLong("FILE_SIZE"),
						rs.getInt("OCCURRENCE")),
				rs.getInt("FILE_INDEX"), rs.getString("SOURCE_FILE_KEY"), rs.getString("SHA256"), target, intent,
				LedgerStatus.valueOf(rs.getString("STATUS")), rs.getInt("ATTEMPTS"), rs.getString("ERROR"),
				rs.getString("FINGERPRINT"));
	};

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
