package io.kintonemigrator.migration;

import io.kintonemigrator.ledger.LedgerSummary;
import io.kintonemigrator.ledger.MigrationLedger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code report} step: totals of the job's ledger, logged (DEBUG) and kept in the
 * job's ExecutionContext ({@code report.*} keys) for {@code status} and the launcher's
 * summary.
 */
class ReportTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(ReportTasklet.class);

	private final String jobName;

	private final MigrationLedger ledger;

	ReportTasklet(String jobName, MigrationLedger ledger) {
		this.jobName = jobName;
		this.ledger = ledger;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LedgerSummary summary = ledger.summary(jobName);
		ExecutionContext context = chunkContext.getStepContext()
			.getStepExecution()
			.getJobExecution()
			.getExecutionContext();
		context.putLong(ExecutionKeys.REPORT_ATTACHED, summary.attached());
		context.putLong(ExecutionKeys.REPORT_ATTACHED_BYTES, summary.attachedBytes());
		context.putLong(ExecutionKeys.REPORT_SKIPPED, summary.skipped());
		context.putLong(ExecutionKeys.REPORT_SKIPPED_RECORDS, summary.skippedRecords());
		// DEBUG: the command prints the same totals as its result
		logger.debug(
				"Job '" + jobName + "': " + summary.attached() + " attachment(s) attached (" + summary.attachedBytes()
						+ " bytes), " + summary.skipped() + " skipped in " + summary.skippedRecords() + " record(s)");
		return RepeatStatus.FINISHED;
	}

}
