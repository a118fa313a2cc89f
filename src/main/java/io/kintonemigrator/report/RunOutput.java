package io.kintonemigrator.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.ledger.LedgerSummary;
import io.kintonemigrator.ledger.MigrationLedger;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.migration.RunProgress;

import org.springframework.batch.core.job.JobExecution;

/**
 * What a run of {@code migrate} shows and leaves behind: the progress while it runs
 * ({@code kam.progress-interval}, a bar when {@code kam.progress-bar}), then for every
 * ending (completed, failed, stopped) the summary table and the reports under
 * {@code kam.reports-dir} (except for an incremental run that changed nothing).
 */
public class RunOutput {

	private static final int SKIPPED_SHOWN = 20;

	private final RunProgress progress;

	private final MigrationLedger ledger;

	private final Clock clock;

	private final Path reportsDir;

	private final Duration progressInterval;

	private final boolean progressBar;

	private final ProgressPrinter.Ticker ticker;

	public RunOutput(RunProgress progress, MigrationLedger ledger, Clock clock, Path reportsDir,
			Duration progressInterval, boolean progressBar, ProgressPrinter.Ticker ticker) {
		this.progress = progress;
		this.ledger = ledger;
		this.clock = clock;
		this.reportsDir = reportsDir;
		this.progressInterval = progressInterval;
		this.progressBar = progressBar;
		this.ticker = ticker;
	}

	/**
	 * Starts showing progress on {@code out}; close the result when the job has ended.
	 */
	public ProgressPrinter showProgress(PrintWriter out) {
		progress.reset();
		return new ProgressPrinter(progress::current, out, clock, progressBar).start(ticker, progressInterval);
	}

	/**
	 * Prints the job's totals over all its executions, from its ledger, in one line that
	 * says so (the same figures as the table's {@code job total} rows), then up to 20
	 * skipped attachments with their reasons.
	 */
	public void printJobTotals(JobConfig config, PrintWriter out) {
		LedgerSummary summary = ledger.summary(config.name());
		out.println("Job '" + config.name() + "', all executions: " + summary.attached() + " attachment(s) attached ("
				+ summary.attachedBytes() + " bytes), " + summary.skipped() + " skipped in " + summary.skippedRecords()
				+ " source record(s).");
		List<LedgerEntry> skipped = ledger.all(config.name())
			.stream()
			.filter(entry -> entry.status() == LedgerStatus.SKIPPED)
			.toList();
		skipped.stream()
			.limit(SKIPPED_SHOWN)
			.forEach(entry -> out.println("  skipped: source record " + entry.ref().sourceRecord() + " "
					+ entry.ref().sourceField() + " '" + entry.fileName() + "': " + entry.error()));
		if (skipped.size() > SKIPPED_SHOWN) {
			out.println("  ... and " + (skipped.size() - SKIPPED_SHOWN) + " more (" + RunReports.ATTACHMENTS_CSV
					+ ", outcome SKIPPED)");
		}
		out.flush();
	}

	/**
	 * Prints the summary table and writes the reports of a finished execution that is not
	 * incremental (a pair of a run of several job files): it always writes them.
	 */
	public RunSummary summarize(JobConfig config, JobExecution execution, PrintWriter out, PrintWriter err) {
		return summarize(config, execution, ledger.summary(config.name()), out, err);
	}

	/**
	 * Prints the summary table and writes the reports of a finished execution; an
	 * incremental run that changed nothing (no target record updated, the job's ledger as
	 * {@code ledgerBefore} the run) writes none, so a schedule leaves no directory per
	 * tick.
	 */
	public RunSummary summarize(JobConfig config, JobExecution execution, LedgerSummary ledgerBefore, PrintWriter out,
			PrintWriter err) {
		LedgerSummary ledgerAfter = ledger.summary(config.name());
		RunSummary summary = RunSummary.of(config, execution, ledgerAfter, clock.instant());
		SummaryTable.print(summary, out);
		if (incremental(execution) && summary.changedNothing() && ledgerAfter.equals(ledgerBefore)) {
			// a scheduled run (--every, cron) that found nothing to do leaves no
			// directory
			out.println("Nothing to migrate since the last run; no reports written.");
			out.flush();
			return summary;
		}
		try {
			Path dir = new RunReports(reportsDir).write(summary, ledger.all(config.name()), progress.samples());
			out.println("Reports: " + dir.resolve(RunReports.ATTACHMENTS_CSV) + ", "
					+ dir.resolve(RunReports.SUMMARY_JSON) + ", " + dir.resolve(HtmlRunReport.FILE_NAME));
		}
		catch (IOException | RuntimeException ex) {
			// the migration's outcome stands; only the report is missing
			err.println("Could not write the reports under " + reportsDir.toAbsolutePath() + ": " + ex.getMessage()
					+ " (check --reports-dir)");
		}
		out.flush();
		return summary;
	}

	private static boolean incremental(JobExecution execution) {
		return execution.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_STARTED) != null;
	}

}
