package io.kintonemigrator.migration;

import io.kintonemigrator.migration.budget.AppRequestMeter;
import io.kintonemigrator.migration.budget.BudgetEstimate;
import io.kintonemigrator.migration.budget.DailyRequestBudgetExceededException;

import java.time.Clock;

import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.resilience.ConcurrencyLevel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Run control of the {@code migrate} step, at its chunk boundaries:
 * <ul>
 * <li>persists this execution's counters ({@link ExecutionKeys}) in the step
 * ExecutionContext at every chunk commit, and once more when the step ends;</li>
 * <li>publishes progress ({@link RunProgress}), with the source records left to read
 * counted once at the start (one {@code totalCount} request);</li>
 * <li>stops the step at its next boundary (STOPPED, restartable) when asked to
 * ({@link StopRequest});</li>
 * <li>stops the step cleanly (STOPPED, restartable) before a chunk that could pass either
 * app's daily request budget ({@link BudgetEstimate}); the metered clients refuse any
 * request beyond it anyway.</li>
 * </ul>
 * Step-scoped; the step runs on one thread.
 */
class RunControlListener implements StepExecutionListener, ChunkListener<KintoneRecord, SourceItem> {

	private static final Logger logger = LoggerFactory.getLogger(RunControlListener.class);

	private final MigrationRun run;

	private final RunProgress progress;

	private final Clock clock;

	private final BudgetEstimate estimate;

	private final StopRequest stopRequest;

	private @Nullable StepExecution stepExecution;

	private long sourceRequestsAtChunkStart;

	private long targetRequestsAtChunkStart;

	private int recordsInChunk;

	private final IdRange range;

	RunControlListener(MigrationRun run, RunProgress progress, Clock clock, BudgetEstimate estimate) {
		this(run, progress, clock, estimate, new StopRequest());
	}

	RunControlListener(MigrationRun run, RunProgress progress, Clock clock, BudgetEstimate estimate,
			StopRequest stopRequest) {
		this(run, progress, clock, estimate, stopRequest, IdRange.ALL);
	}

	/** The run control of a partition that reads the source records of {@code range}. */
	RunControlListener(MigrationRun run, RunProgress progress, Clock clock, BudgetEstimate estimate,
			StopRequest stopRequest, IdRange range) {
		this.range = range;
		this.stopRequest = stopRequest;
		this.run = run;
		this.progress = progress;
		this.clock = clock;
		this.estimate = estimate;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		estimate.restoreFrom(stepExecution.getExecutionContext());
		markChunkStart();
		long recordsToRead = -1;
		if (!stopOnRequest(stepExecution) && !stopForBudget(stepExecution)) {
			recordsToRead = countRecordsToRead(stepExecution.getExecutionContext());
		}
		stepExecution.getExecutionContext().putLong(ExecutionKeys.RECORDS_TO_READ, recordsToRead);
		progress.started(clock.instant(), recordsToRead);
		persistCounters(stepExecution);
	}

	@Override
	public void beforeChunk(Chunk<KintoneRecord> chunk) {
		// the reader's page requests of this chunk were sent before this call: they count
		// to this chunk
		recordsInChunk = chunk.size();
	}

	@Override
	public void afterChunk(Chunk<SourceItem> chunk) {
		StepExecution step = stepExecution;
		if (step == null) {
			return;
		}
		run.counters().commit();
		estimate.chunkDone(run.sourceRequests().sent() - sourceRequestsAtChunkStart,
				run.targetRequests().sent() - targetRequestsAtChunkStart);
		markChunkStart();
		persistCounters(step);
		// the read count of this chunk is applied to the step execution after this call
		progress.committed(step.getReadCount() + recordsInChunk, run.counters().committed(),
				ConcurrencyLevel.describe(run.concurrency()), clock.instant());
		if (!stopOnRequest(step)) {
			stopForBudget(step);
		}
	}

	@Override
	public void onChunkError(Exception exception, Chunk<SourceItem> chunk) {
		run.counters().discard();
		markChunkStart();
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		persistCounters(stepExecution);
		progress.committed(stepExecution.getReadCount(), run.counters().committed(),
				ConcurrencyLevel.describe(run.concurrency()), clock.instant());
		return null;
	}

	private void markChunkStart() {
		sourceRequestsAtChunkStart = run.sourceRequests().sent();
		targetRequestsAtChunkStart = run.targetRequests().sent();
	}

	private void persistCounters(StepExecution step) {
		RunCounters.Totals totals = run.counters().committed();
		ExecutionContext context = step.getExecutionContext();
		context.putLong(ExecutionKeys.FILES_MOVED, totals.filesMoved());
		context.putLong(ExecutionKeys.BYTES_MOVED, totals.bytesMoved());
		context.putLong(ExecutionKeys.FILES_SKIPPED, totals.filesSkipped());
		context.putLong(ExecutionKeys.RECORDS_UPDATED, totals.recordsUpdated());
		context.putLong(ExecutionKeys.RECORDS_SKIPPED, totals.recordsSkipped());
		estimate.saveTo(context);
		// the run is job-scoped: its requests and retries are this execution's, preflight
		// included
		context.putLong(ExecutionKeys.RETRIES, run.retries());
		context.putString(ExecutionKeys.CONCURRENCY, ConcurrencyLevel.describe(run.concurrency()));
		context.putLong(ExecutionKeys.CONCURRENCY_LOWEST,
				run.concurrency().stream().mapToLong(ConcurrencyLevel::lowest).min().orElse(-1));
		context.putLong(ExecutionKeys.SOURCE_REQUESTS, run.sourceRequests().sent());
		context.putLong(ExecutionKeys.TARGET_REQUESTS, run.targetRequests().sent());
		context.putLong(ExecutionKeys.SOURCE_UNCOUNTED_REQUESTS, run.sourceRequests().sentUncounted());
		context.putLong(ExecutionKeys.TARGET_UNCOUNTED_REQUESTS, run.targetRequests().sentUncounted());
	}

	/**
	 * Stops the step at this boundary when the next chunk may need more requests than an
	 * app has left today.
	 */
	/**
	 * A stop asked for from outside (SIGTERM): the step ends at this boundary, STOPPED.
	 */
	private boolean stopOnRequest(StepExecution step) {
		if (stopRequest.isRequested()) {
			step.setTerminateOnly();
			return true;
		}
		return false;
	}

	private boolean stopForBudget(StepExecution step) {
		for (AppRequestMeter meter : new AppRequestMeter[] { run.sourceRequests(), run.targetRequests() }) {
			if (meter.budget() == 0) {
				continue;
			}
			long needed = meter == run.sourceRequests() ? estimate.sourceRequests() : estimate.targetRequests();
			long remaining = meter.remainingToday();
			if (remaining < needed) {
				String reason = "Stopped before the daily request budget of app " + meter.appKey()
						+ " would be passed: " + remaining + " of " + meter.budget()
						+ " requests left today, the next chunk may need up to " + needed + "; "
						+ DailyRequestBudgetExceededException.resetsAt(meter.resetsAt())
						+ ". Run the same command again after that to resume.";
				logger.warn(reason);
				step.getJobExecution().getExecutionContext().putString(ExecutionKeys.STOP_REASON, reason);
				step.setTerminateOnly();
				return true;
			}
		}
		return false;
	}

	private long countRecordsToRead(ExecutionContext context) {
		long lastId = context.getLong("sourceRecordReader." + SourceRecordReader.LAST_ID, range.afterId());
		try {
			return run.source().countAfter(lastId, range.query(run.config().query()));
		}
		catch (RuntimeException ex) {
			// progress without a total is still progress; the reader will meet any real
			// problem
			logger.info("Could not count the source records (" + Failures.describe(ex) + "); progress shows no ETA");
			return -1;
		}
	}

}
