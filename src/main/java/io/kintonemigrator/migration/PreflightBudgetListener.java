package io.kintonemigrator.migration;

import io.kintonemigrator.migration.budget.AppRequestMeter;
import io.kintonemigrator.migration.budget.DailyRequestBudgetExceededException;
import io.kintonemigrator.migration.budget.RequestEstimate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Stops the job before {@code preflight} when an app has fewer counted requests left
 * today than a run needs before it can move one chunk (preflight, the record count, one
 * chunk: {@link RequestEstimate}), so a run started again on a day whose budget is used
 * up (e.g. by cron) stops at once and quietly instead of meeting the metered clients'
 * hard guard. A budget that cannot hold even that on a fresh day is no reason to wait:
 * preflight reports it as a configuration error (exit 2). Step-scoped.
 */
class PreflightBudgetListener implements StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(PreflightBudgetListener.class);

	private final MigrationRun run;

	PreflightBudgetListener(MigrationRun run) {
		this.run = run;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		int chunkSize = run.config().limits().chunkSize();
		if (RequestEstimate.budgetProblem(run.config().limits().dailyRequestBudget(), chunkSize) != null) {
			return;
		}
		for (AppRequestMeter meter : new AppRequestMeter[] { run.sourceRequests(), run.targetRequests() }) {
			if (meter.budget() == 0) {
				continue;
			}
			long needed = meter == run.sourceRequests()
					? RequestEstimate.sourceDayOverhead() + RequestEstimate.chunkSourceRequests(chunkSize)
					: RequestEstimate.targetDayOverhead() + RequestEstimate.chunkTargetRequests(chunkSize);
			long remaining = meter.remainingToday();
			if (remaining < needed) {
				String reason = "Stopped: the daily request budget of " + meter.budget() + " requests for app "
						+ meter.appKey() + " is used up (" + remaining + " left today, a run needs " + needed
						+ " to move a chunk); " + DailyRequestBudgetExceededException.resetsAt(meter.resetsAt())
						+ ". Run the same command again after that to resume.";
				logger.warn(reason);
				stepExecution.getJobExecution().getExecutionContext().putString(ExecutionKeys.STOP_REASON, reason);
				stepExecution.setTerminateOnly();
				return;
			}
		}
	}

}
