package io.kintonemigrator.migration;

import java.util.List;

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
 * The {@code reportPairs} step of a run of several app pairs: the totals of each pair's
 * ledger, logged and kept in the job's ExecutionContext, per pair under
 * {@code report.<pair>.*} ({@link #key}) and summed under the {@code report.*} keys of
 * {@link ExecutionKeys}.
 */
class PairsReportTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(PairsReportTasklet.class);

	private final List<String> pairs;

	private final MigrationLedger ledger;

	PairsReportTasklet(List<String> pairs, MigrationLedger ledger) {
		this.pairs = List.copyOf(pairs);
		this.ledger = ledger;
	}

	/** The key of a pair's total: {@code report.<pair>.<total>}. */
	public static String key(String pair, String totalKey) {
		return "report." + pair + totalKey.substring("report".length());
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext context = chunkContext.getStepContext()
			.getStepExecution()
			.getJobExecution()
			.getExecutionContext();
		long attached = 0;
		long bytes = 0;
		long skipped = 0;
		long skippedRecords = 0;
		for (String pair : pairs) {
			LedgerSummary summary = ledger.summary(pair);
			context.putLong(key(pair, ExecutionKeys.REPORT_ATTACHED), summary.attached());
			context.putLong(key(pair, ExecutionKeys.REPORT_ATTACHED_BYTES), summary.attachedBytes());
			context.putLong(key(pair, ExecutionKeys.REPORT_SKIPPED), summary.skipped());
			context.putLong(key(pair, ExecutionKeys.REPORT_SKIPPED_RECORDS), summary.skippedRecords());
			logger.info("Job '" + pair + "': " + summary.attached() + " attachment(s) attached ("
					+ summary.attachedBytes() + " bytes), " + summary.skipped() + " skipped in "
					+ summary.skippedRecords() + " record(s)");
			attached += summary.attached();
			bytes += summary.attachedBytes();
			skipped += summary.skipped();
			skippedRecords += summary.skippedRecords();
		}
		context.putLong(ExecutionKeys.REPORT_ATTACHED, attached);
		context.putLong(ExecutionKeys.REPORT_ATTACHED_BYTES, bytes);
		context.putLong(ExecutionKeys.REPORT_SKIPPED, skipped);
		context.putLong(ExecutionKeys.REPORT_SKIPPED_RECORDS, skippedRecords);
		return RepeatStatus.FINISHED;
	}

}
