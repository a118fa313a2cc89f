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
 * incremental run migrates the source records updated at or after it. It is the start of the
 * last completed run minus {@link #safetyMargin()}, and it only moves when a run completes.
 *
 * <p>The incremental run in progress is kept too ({@link #inProgress}), so a run that failed, was
 * stopped or died resumes with its own bound and start time instead of starting a new one. Every
 * method commits at once (it must not join a chunk transaction). Thread-safe.
 */
public class JobWatermarks {

	/** kintone stores UPDATED_TIME to the minute; two minutes also cover modest clock skew. */
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

	/** The bound of the next incremental run; empty before the first completed run. */
	public Optional<Instant> watermark(String job) {
		return row(job).map(Row::watermark);
	}

	/** The incremental run that started and has not completed yet, if any. */
	public Optional<Run> inProgress(String job) {
		return row(job).filter(row -> row.runStartedAt() != null)
			.map(row -> new Run(row.runSince(), row.runStartedAt()));
	}

	/** Remembers an incremental run before its first read. */
	public void begin(String job, Run run) {
		upsert(job, "RUN_SINCE = ?, RUN_STARTED_AT = ?", utc(run.since()), utc(run.startedAt()));
	}

	/**
	 * A run that started at {@code startedAt} completed: the watermark becomes {@code startedAt}
	 * minus the margin (never moving back), and no incremental run is in progress any more.
	 */
	public void completed(String job, Instant startedAt) {
		Instant candidate = startedAt.minus(safetyMargin);
		Instant current = watermark(job).orElse(null);
		Instant next = current != null && current.isAfter(candidate) ? current : candidate;
		upsert(job, "WATERMARK = ?, RUN_SINCE = NULL, RUN_STARTED_AT = NULL", utc(next));
	}

	private void upsert(String job, String assignments, Object... values) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		Object[] args = new Object[values.length + 2];
		System.arraycopy(values, 0, args, 0, values.length);
		args[values.length] = now;
		args[values.length + 1] = job;
		if (jdbc.update("UPDATE KAM_JOB_WATERMARK SET " + assignments + ", UPDATED_AT = ? WHERE JOB_NAME = ?",
				args) == 0) {
			jdbc.update("INSERT INTO KAM_JOB_WATERMARK (JOB_NAME, UPDATED_AT) VALUES (?, ?)", job, now);
			jdbc.update("UPDATE KAM_JOB_WATERMARK SET " + assignments + ", UPDATED_AT = ? WHERE JOB_NAME = ?", args);
		}
	}

	private Optional<Row> row(String job) {
		List<Row> rows = jdbc.query("SELECT WATERMARK, RUN_SINCE, RUN_STARTED_AT FROM KAM_JOB_WATERMARK WHERE JOB_NAME = ?",
				(rs, i) -> new Row(instant(rs.getObject(1, OffsetDateTime.class)),
						instant(rs.getObject(2, OffsetDateTime.class)), instant(rs.getObject(3, OffsetDateTime.class))),
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
	 * An incremental run: it migrates the records updated at or after {@code since} (every record
	 * when {@code null}); {@code startedAt} was taken before its first read.
	 */
	public record Run(@Nullable Instant since, Instant startedAt) {
	}

	private record Row(@Nullable Instant watermark, @Nullable Instant runSince, @Nullable Instant runStartedAt) {
	}

}
