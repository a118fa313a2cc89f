package io.kintonemigrator.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.time.LocalDateTime;
import java.time.ZoneId;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.ledger.LedgerSummary;
import io.kintonemigrator.migration.ExecutionKeys;
import io.kintonemigrator.migration.PairCounters;
import io.kintonemigrator.migration.PartitionKeys;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What one execution of a job did, from the counters its {@code migrate} step persisted
 * ({@link ExecutionKeys}) and the job's ledger totals; written to {@code summary.json} as
 * is and printed as the summary table. Counts are of this execution; {@code ledger}
 * totals are of the job.
 */
public record RunSummary(String job, long executionId, String status, @Nullable String stopReason, Instant startedAt,
		Instant endedAt, double wallSeconds, long recordsToRead, long recordsRead, long recordsUpdated,
		long recordsSkipped, long filesMoved, long filesSkipped, long bytesMoved, long retries, AppRequests source,
		AppRequests target, double filesPerSecond, double megabytesPerSecond, LedgerTotals ledger,
		Concurrency concurrency) {

	/**
	 * Requests this execution sent to one app: {@code requests} kintone counts against
	 * the app's daily quota, {@code uncountedRequests} it does not (file transfers, bulk
	 * updates).
	 */
	record AppRequests(String app, long requests, long uncountedRequests) {
	}

	/**
	 * Calls in flight allowed per domain at the end ({@code current/max}, e.g.
	 * {@code 50/50}; empty when unknown) and the lowest it went ({@code -1} unknown); it
	 * adapts to how busy the domain is.
	 */
	record Concurrency(String atEnd, long lowest) {
	}

	/** The job's ledger, all executions together. */
	record LedgerTotals(long attached, long attachedBytes, long skipped, long skippedRecords) {
	}

	static RunSummary of(JobConfig config, JobExecution execution, LedgerSummary ledger, Instant now) {
		List<StepExecution> steps = execution.getStepExecutions()
			.stream()
			.filter(step -> "migrate".equals(step.getStepName())
					|| config.name().equals(step.getExecutionContext().getString(PartitionKeys.PAIR, "")))
			.toList();
		ExecutionContext counters = steps.size() == 1 ? steps.get(0).getExecutionContext() : PairCounters.sum(steps);
		Instant started = instant(execution.getStartTime(), now);
		Instant ended = instant(execution.getEndTime(), now);
		double wall = Math.max(0.001, Duration.between(started, ended).toMillis() / 1000d);
		long filesMoved = counters.getLong(ExecutionKeys.FILES_MOVED, 0L);
		long bytesMoved = counters.getLong(ExecutionKeys.BYTES_MOVED, 0L);
		String stopReason = execution.getExecutionContext().containsKey(ExecutionKeys.STOP_REASON)
				? execution.getExecutionContext().getString(ExecutionKeys.STOP_REASON) : null;
		return new RunSummary(config.name(), execution.getId(), execution.getStatus().name(), stopReason, started,
				ended, wall, counters.getLong(ExecutionKeys.RECORDS_TO_READ, -1L),
				steps.stream().mapToLong(StepExecution::getReadCount).sum(),
				counters.getLong(ExecutionKeys.RECORDS_UPDATED, 0L),
				counters.getLong(ExecutionKeys.RECORDS_SKIPPED, 0L), filesMoved,
				counters.getLong(ExecutionKeys.FILES_SKIPPED, 0L), bytesMoved,
				counters.getLong(ExecutionKeys.RETRIES, 0L),
				new AppRequests(appName(config.source()), counters.getLong(ExecutionKeys.SOURCE_REQUESTS, 0L),
						counters.getLong(ExecutionKeys.SOURCE_UNCOUNTED_REQUESTS, 0L)),
				new AppRequests(appName(config.target()), counters.getLong(ExecutionKeys.TARGET_REQUESTS, 0L),
						counters.getLong(ExecutionKeys.TARGET_UNCOUNTED_REQUESTS, 0L)),
				round(filesMoved / wall), round(bytesMoved / 1_000_000d / wall),
				new LedgerTotals(ledger.attached(), ledger.attachedBytes(), ledger.skipped(), ledger.skippedRecords()),
				new Concurrency(counters.getString(ExecutionKeys.CONCURRENCY, ""),
						counters.getLong(ExecutionKeys.CONCURRENCY_LOWEST, -1L)));
	}

	/** {@code host[:port]/app}. */
	static String appName(KintoneConnection connection) {
		var uri = connection.baseUrl();
		String host = uri.getHost() == null ? String.valueOf(uri) : uri.getHost();
		return (uri.getPort() == -1 ? host : host + ":" + uri.getPort()) + "/" + connection.app().value();
	}

	private static Instant instant(@Nullable LocalDateTime time, Instant fallback) {
		// Spring Batch keeps local date-times of this machine's zone
		return time == null ? fallback : time.atZone(ZoneId.systemDefault()).toInstant();
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100d;
	}

}
