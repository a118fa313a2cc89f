package io.kintonemigrator.migration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Stops the job before {@code preflight} when an app has fewer requests left today than preflight
 * needs, so a run started again on a day whose budget is used up (e.g. by cron) stops at once and
 * quietly instead of meeting the metered clients' hard guard. Step-scoped.
 */
class PreflightBudgetListener implements StepExecutionListener {

	private static final Log logger = LogFactory.getLog(PreflightBudgetListener.class);

	/** More than preflight sends per app (app, form, a query or two). */
	static final long PREFLIGHT_REQUESTS = 10;

	private final MigrationRun run;

	PreflightBudgetListener(MigrationRun run) {
		this.run = run;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		for (AppRequestMeter meter : new AppRequestMeter[] { run.sourceRequests(), run.targetRequests() }) {
			if (meter.budget() == 0) {
				continue;
			}
			long remaining = meter.remainingToday();
			if (remaining < PREFLIGHT_REQUESTS) {
				String reason = "Stopped: the daily request budget of " + meter.budget() + " requests for app "
						+ meter.appKey() + " is used up (" + remaining + " left today); "
						+ DailyRequestBudgetExceededException.resetsAt(meter.resetsAt())
						+ ". Run the same command again after that to resume.";
				logger.warn(reason);
				stepExecution.getJobExecution().getExecutionContext().putString(ExecutionKeys.STOP_REASON, reason);
				stepExecution.setTerminateOnly();
				return;
			}
		}
	}

}
