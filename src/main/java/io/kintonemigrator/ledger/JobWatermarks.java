package io.kintonemigrator.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The watermark of incremental runs per job (table {@code KAM_JOB_WATERMARK}): the next
 * incremental run migrates the source records updated at or after it. It is the start of
 * the last completed run minus {@link #safetyMargin()}, and it only moves when a run
 * completes.
 *
 * <p>
 * A watermark holds only for what the job did when it was set: it is stored with the
 * job's fingerprint ({@code JobConfig.fingerprint()}: apps, match, mappings, query,
 * onExisting), and a job file that changed any of them finds no watermark and no run in
 * progress, so its next incremental run reads every record; a new mapping or a wider
 * query then reaches the records nobody edited since. Rows written before the fingerprint
 * was kept have none and count as changed.
 *
 * <p>
 * The incremental run in progress is kept too ({@link #inProgress}), so a run that
 * failed, was stopped or died resumes with its own bound and start time instead of
 * starting a new one. Every method commits at once (it must not join a chunk
 * transaction). Thread-safe.
 */
public class JobWatermarks {

	/**
	 * kintone stores UPDATED_TIME to the minute; two minutes also cover modest clock
	 * skew.
	 */
	public static final Duration DEFAULT_SAFETY_MARGIN = Duration.ofMinutes(2);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration safetyMargin;

	public JobWatermarks(JdbcTemplate jdbc, Clock clock, Duration safetyMargin) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.safetyMargin = safetyMargin;
	}

	public Duration safetyMargin() {
		return safetyMargin;
	}

	/**
	 * The bound of the next incremental run of the job as the fingerprint describes it;
	 * empty before its first completed run, and when the job did something else then.
	 */
	public Optional<Instant> watermark(String job, String fingerprint) {
		return row(job).filter(row -> fingerprint.equals(row.fingerprint())).map(Row::watermark);
	}

	/**
	 * Whether a watermark or a run in progress exists for the job under another
	 * fingerprint (so they are ignored).
	 */
	public boolean changedSince(String job, String fingerprint) {
		return row(job).filter(row -> row.watermark() != null || row.runStartedAt() != null)
			.map(row -> !fingerprint.equals(row.fingerprint()))
			.orElse(false);
	}

	/**
	 * The incremental run of the job as the fingerprint describes it that started and has
	 * not completed yet, if any.
	 */
	public Optional<Run> inProgress(String job, String fingerprint) {
		return row(job).filter(row -> fingerprint.equals(row.fingerprint()))
			.filter(row -> row.runStartedAt() != null)
			.map(row -> new Run(row.runSince(), row.runStartedAt()));
	}

	/**
	 * Remembers an incremental run before its first read (dropping what was kept under
	 * another fingerprint).
	 */
	public void begin(String job, String fingerprint, Run run) {
		upsert(job, fingerprint, "RUN_SINCE = ?, RUN_STARTED_AT = ?", utc(run.since()), utc(run.startedAt()));
	}

	/**
	 * A run that started at {@code startedAt} completed: the watermark becomes
	 * {@code startedAt} minus the margin (never moving back while the fingerprint stays),
	 * and no incremental run is in progress any more.
	 */
	public void completed(String job, String fingerprint, Instant startedAt) {
		Instant candidate = startedAt.minus(safetyMargin);
		Instant current = watermark(job, fingerprint).orElse(null);
		Instant next = current != null && current.isAfter(candidate) ? current : candidate;
		upsert(job, fingerprint, "WATERMARK = ?, RUN_SINCE = NULL, RUN_STARTED_AT = NULL", utc(next));
	}

	private void upsert(String job, String fingerprint, String assignments, Object... values) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		// what was kept under another fingerprint does not hold for this one
		jdbc.update("UPDATE KAM_JOB_WATERMARK SET JOB_FINGERPRINT = ?, WATERMARK = NULL, RUN_SINCE = NULL, "
				+ "RUN_STARTED_AT = NULL, UPDATED_AT = ? WHERE JOB_NAME = ? AND (JOB_FINGERPRINT IS NULL OR JOB_FINGERPRINT <> ?)",
				fingerprint, now, job, fingerprint);
		Object[] args = new Object[values.length + 2];
		System.arraycopy(values, 0, args, 0, values.length);
		args[values.length] = now;
		args[values.length + 1] = job;
		if (jdbc.update("UPDATE KAM_JOB_WATERMARK SET " + assignments + ", UPDATED_AT = ? WHERE JOB_NAME = ?",
				args) == 0) {
			jdbc.update("INSERT INTO KAM_JOB_WATERMARK (JOB_NAME, JOB_FINGERPRINT, UPDATED_AT) VALUES (?, ?, ?)", job,
					fingerprint, now);
			jdbc.update("UPDATE KAM_JOB_WATERMARK SET " + assignments + ", UPDATED_AT = ? WHERE JOB_NAME = ?", args);
		}
	}

	private Optional<Row> row(String job) {
		List<Row> rows = jdbc.query(
				"SELECT WATERMARK, RUN_SINCE, RUN_STARTED_AT, JOB_FINGERPRINT FROM KAM_JOB_WATERMARK WHERE JOB_NAME = ?",
				(rs, i) -> new Row(instant(rs.getObject(1, OffsetDateTime.class)),
						instant(rs.getObject(2, OffsetDateTime.class)), instant(rs.getObject(3, OffsetDateTime.class)),
						rs.getString(4)),
				job);
		return rows.stream().findFirst();
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime value) {
		return value == null ? null : value.toInstant();
	}

	/**
	 * An incremental run: it migrates the records updated at or after {@code since}
	 * (every record when {@code null}); {@code startedAt} was taken before its first
	 * read.
	 */
	public record Run(@Nullable Instant since, Instant startedAt) {
	}

	private record Row(@Nullable Instant watermark, @Nullable Instant runSince, @Nullable Instant runStartedAt,
			@Nullable String fingerprint) {
	}

}
