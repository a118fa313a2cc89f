package io.kintonemigrator.migration;

import java.util.Objects;

import io.kintonemigrator.migration.budget.DailyRequestBudgetExceededException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Turns an execution that failed only because a request met a used-up daily budget (the
 * metered clients' hard guard, e.g. in preflight, or a chunk that needed more than
 * estimated) into a STOPPED one: nothing is wrong, the job resumes after the budget
 * resets. The reason is kept under {@link ExecutionKeys#STOP_REASON}.
 */
class BudgetStopListener implements JobExecutionListener {

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		DailyRequestBudgetExceededException budget = jobExecution.getAllFailureExceptions()
			.stream()
			.map(DailyRequestBudgetExceededException::in)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		if (budget == null) {
			return;
		}
		String reason = "Stopped: " + budget.getMessage() + ". Run the same command again after that to resume.";
		jobExecution.getExecutionContext().putString(ExecutionKeys.STOP_REASON, reason);
		jobExecution.setStatus(BatchStatus.STOPPED);
		jobExecution.setExitStatus(ExitStatus.STOPPED.addExitDescription(reason));
	}

}
