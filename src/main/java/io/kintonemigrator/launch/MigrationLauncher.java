package io.kintonemigrator.launch;

import java.util.Objects;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.FailureMessages;
import io.kintonemigrator.report.ProgressPrinter;
import io.kintonemigrator.report.RunOutput;
import io.kintonemigrator.report.RunSummary;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.ledger.LedgerSummary;
import io.kintonemigrator.ledger.MigrationLedger;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.migration.Failures;
import io.kintonemigrator.migration.PreflightException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs a job file to its end and turns the outcome into an exit code ({@link ExitCodes}).
 * The job instance is identified by the job's name and the fingerprint of what it does;
 * the last execution of that instance decides what happens:
 * <ul>
 * <li>none: a first run (an instance a crash left without any execution is deleted
 * first);</li>
 * <li>FAILED or STOPPED: resumed from its last checkpoint;</li>
 * <li>STARTING, STARTED or STOPPING: left so by a process that died (the caller holds the
 * job's lock, see {@code JobLocks}, so no other process runs it): recovered with
 * {@link JobOperator#recover}, then resumed;</li>
 * <li>UNKNOWN: left so when the job database failed during a chunk's commit (e.g. a
 * PostgreSQL restart): marked FAILED ({@link UnknownExecutions}), then resumed;</li>
 * <li>COMPLETED: nothing to do, said so.</li>
 * </ul>
 * Resuming is {@link JobOperator#start} with the same identifying parameters and the
 * current job file as the non-identifying one, so a moved job file still resumes its job.
 */
public class MigrationLauncher {

	/**
	 * Non-identifying parameter of every execution: the instant it was launched
	 * (ISO-8601, UTC). Spring Batch's own create time is a zone-less local time of
	 * whichever JVM wrote it, so it cannot be compared between machines in different time
	 * zones; this can ({@link IncrementalRuns} uses it).
	 */
	public static final String PARAM_EXECUTION_STARTED = "execution.started";

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final MigrationLedger ledger;

	private final RunOutput output;

	public MigrationLauncher(JobOperator jobOperator, JobRepository jobRepository, Job job, MigrationLedger ledger,
			RunOutput output) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.ledger = ledger;
		this.output = output;
	}

	/**
	 * Identifying parameters of the job's instance, and the job file. Never secrets: they
	 * are persisted.
	 */
	public static JobParameters parameters(JobConfig config, Path jobFile) {
		return new JobParametersBuilder().addString(AttachmentMigrationJobConfiguration.PARAM_NAME, config.name(), true)
			.addString(AttachmentMigrationJobConfiguration.PARAM_FINGERPRINT, config.fingerprint(), true)
			.addString(AttachmentMigrationJobConfiguration.PARAM_FILE, jobFile.toAbsolutePath().normalize().toString(),
					false)
			.toJobParameters();
	}

	public Outcome migrate(JobConfig config, Path jobFile, PrintWriter out, PrintWriter err) throws Exception {
		return migrate(config, parameters(config, jobFile), out, err);
	}

	/**
	 * Runs or resumes the instance the parameters identify (an incremental run adds its
	 * own). The caller holds the job's lock, so an execution left running belongs to a
	 * process that died.
	 */
	public Outcome migrate(JobConfig config, JobParameters parameters, PrintWriter out, PrintWriter err)
			throws Exception {
		JobExecution last = jobRepository.getLastJobExecution(AttachmentMigrationJobConfiguration.JOB_NAME, parameters);
		switch (NextRun.after(last).action()) {
			case NOTHING -> {
				out.println("Job '" + config.name() + "' already completed (execution " + last.getId() + ", ended "
						+ last.getEndTime() + "); nothing to do.");
				printSummary(config, out);
				return new Outcome(ExitCodes.COMPLETED, last);
			}
			case ABANDONED -> {
				err.println("Job '" + config.name()
						+ "' was abandoned and cannot resume; give the job a new name to start it again.");
				return new Outcome(ExitCodes.USAGE, last);
			}
			case RECOVER_THEN_RESUME -> {
				out.println("Execution " + last.getId() + " of job '" + config.name() + "' was left " + last.getStatus()
						+ " by a process that stopped abruptly; recovering it.");
				jobOperator.recover(last);
				out.println("Resuming job '" + config.name() + "' from its last checkpoint.");
			}
			case FAIL_THEN_RESUME -> {
				out.println("Execution " + last.getId() + " of job '" + config.name() + "' was left UNKNOWN: the job "
						+ "database failed while a chunk was committed. Marking it FAILED; the ledger tells which "
						+ "updates kintone applied, so nothing is attached twice.");
				UnknownExecutions.markFailed(jobRepository, last);
				out.println("Resuming job '" + config.name() + "' from its last checkpoint.");
			}
			case RESUME -> out.println("Resuming job '" + config.name() + "' from its last checkpoint.");
			case START -> {
				// Spring Batch creates an instance and its first execution in two
				// transactions; a process
				// killed in between leaves an instance without executions, which can
				// neither start nor restart
				JobInstance orphan = jobRepository.getJobInstance(AttachmentMigrationJobConfiguration.JOB_NAME,
						parameters);
				if (orphan != null) {
					jobRepository.deleteJobInstance(orphan);
				}
				out.println("Starting job '" + config.name() + "'.");
			}
		}
		out.flush();
		JobExecution execution;
		JobParameters launched = new JobParametersBuilder(parameters)
			.addString(PARAM_EXECUTION_STARTED, Instant.now().toString(), false)
			.toJobParameters();
		try (ProgressPrinter progress = output.showProgress(out)) {
			execution = jobOperator.start(job, launched);
		}
		return new Outcome(report(config, execution, out, err), execution);
	}

	private int report(JobConfig config, JobExecution execution, PrintWriter out, PrintWriter err) {
		BatchStatus status = execution.getStatus();
		List<Throwable> failures = execution.getAllFailureExceptions();
		PreflightException preflight = failures.stream()
			.map(MigrationLauncher::preflightCause)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		if (preflight != null) {
			err.println("The job file does not fit the apps (nothing was written):");
			preflight.problems().forEach(problem -> err.println("  " + problem));
			return ExitCodes.USAGE;
		}
		printSummary(config, out);
		RunSummary summary = output.summarize(config, execution, out, err);
		if (status == BatchStatus.COMPLETED) {
			out.println("Job '" + config.name() + "' completed.");
			return ExitCodes.COMPLETED;
		}
		if (status == BatchStatus.STOPPED) {
			out.println(summary.stopReason() != null ? summary.stopReason()
					: "Job '" + config.name() + "' stopped; run the same command again to resume.");
			return ExitCodes.STOPPED;
		}
		err.println("Job '" + config.name() + "' " + status + ": " + (failures.isEmpty()
				? execution.getExitStatus().getExitDescription() : FailureMessages.of(failures.get(0))));
		if (failures.stream().anyMatch(failure -> Failures.accessRefusal(failure) != null)) {
			// a re-run as it is fails the same way: not restartable until fixed
			err.println("kintone refused access: running again will not help until the job file's credentials"
					+ " have the permissions the job needs (source: view records; target: view and edit records)."
					+ " Once they do, the same command resumes from the last checkpoint.");
			return ExitCodes.USAGE;
		}
		err.println("Run the same command again to resume from the last checkpoint.");
		return ExitCodes.FAILED;
	}

	private void printSummary(JobConfig config, PrintWriter out) {
		LedgerSummary summary = ledger.summary(config.name());
		out.println("Attachments attached: " + summary.attached() + " (" + summary.attachedBytes()
				+ " bytes); skipped: " + summary.skipped() + " in " + summary.skippedRecords() + " source record(s).");
		List<LedgerEntry> skipped = ledger.all(config.name())
			.stream()
			.filter(entry -> entry.status() == LedgerStatus.SKIPPED)
			.toList();
		skipped.stream()
			.limit(20)
			.forEach(entry -> out.println("  skipped: source record " + entry.ref().sourceRecord() + " "
					+ entry.ref().sourceField() + " '" + entry.fileName() + "': " + entry.error()));
		if (skipped.size() > 20) {
			out.println("  ... and " + (skipped.size() - 20) + " more (table KAM_LEDGER, STATUS = 'SKIPPED')");
		}
		out.flush();
	}

	static PreflightException preflightCause(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof PreflightException preflight) {
				return preflight;
			}
		}
		return null;
	}

	/** The exit code and the execution it is about. */
	public record Outcome(int exitCode, JobExecution execution) {
	}

}
