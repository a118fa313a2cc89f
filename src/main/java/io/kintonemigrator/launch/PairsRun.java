package io.kintonemigrator.launch;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.FailureMessages;
import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.ledger.JobLockedException;
import io.kintonemigrator.ledger.JobLocks;
import io.kintonemigrator.migration.AbandonedPartitions;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.migration.ExecutionKeys;
import io.kintonemigrator.migration.Failures;
import io.kintonemigrator.migration.PartitionKeys;
import io.kintonemigrator.migration.PartitionedMigrationConfiguration;
import io.kintonemigrator.migration.PreflightException;
import io.kintonemigrator.report.RunOutput;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * {@code migrate} with several job files (or one with {@code partitions}): one execution
 * of the job {@value PartitionedMigrationConfiguration#JOB_NAME}, holding the lock of
 * every pair (taken in name order, so two runs never wait on each other in a circle). Its
 * instance is identified by the pairs: the same job files resume the same run, and what
 * the last execution left decides what happens, as for one pair
 * ({@link MigrationLauncher}): a completed run is said so, a failed or stopped one
 * resumes (only its partitions that did not complete), one left running by a dead process
 * is recovered first. Prints each partition's outcome, then each pair's summary and
 * reports.
 */
public class PairsRun {

	private final JobLocks locks;

	private final DatabaseOutageWatch outageWatch;

	private final JobLockListener lockListener;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final RunOutput output;

	private final AbandonedPartitions abandonedPartitions;

	PairsRun(JobLocks locks, DatabaseOutageWatch outageWatch, JobLockListener lockListener, JobOperator jobOperator,
			JobRepository jobRepository, Job job, RunOutput output, AbandonedPartitions abandonedPartitions) {
		this.locks = locks;
		this.outageWatch = outageWatch;
		this.lockListener = lockListener;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.output = output;
		this.abandonedPartitions = abandonedPartitions;
	}

	/**
	 * Identifying: the run's name (the pairs' names) and a fingerprint of every pair (its
	 * own fingerprint, ranges and order); not identifying: the job files.
	 */
	public static JobParameters parameters(List<JobConfig> pairs, List<Path> jobFiles) {
		List<JobConfig> byName = pairs.stream().sorted(Comparator.comparing(JobConfig::name)).toList();
		StringBuilder canonical = new StringBuilder();
		byName.forEach(pair -> canonical.append(pair.name())
			.append('|')
			.append(pair.fingerprint())
			.append('|')
			.append(pair.partitions())
			.append('|')
			.append(pair.dependsOn())
			.append('\n'));
		return new JobParametersBuilder()
			.addString(AttachmentMigrationJobConfiguration.PARAM_NAME, runName(byName), true)
			.addString(AttachmentMigrationJobConfiguration.PARAM_FINGERPRINT, sha256(canonical.toString()), true)
			.addString(PartitionedMigrationConfiguration.PARAM_FILES,
					PartitionedMigrationConfiguration.filesParameter(jobFiles), false)
			.toJobParameters();
	}

	/** The pairs' names joined with '+', shortened when long. */
	static String runName(List<JobConfig> byName) {
		String all = String.join("+", byName.stream().map(JobConfig::name).toList());
		return all.length() <= 200 ? all : byName.get(0).name() + "+" + (byName.size() - 1) + "-more";
	}

	/** Runs (or resumes) the pairs while holding every pair's lock. */
	int run(List<JobConfig> pairs, List<Path> jobFiles, PrintWriter out, PrintWriter err) throws Exception {
		List<JobLocks.Held> held = new ArrayList<>();
		try {
			for (JobConfig pair : pairs.stream().sorted(Comparator.comparing(JobConfig::name)).toList()) {
				held.add(locks.acquire(pair.name()));
			}
		}
		catch (JobLockedException ex) {
			held.forEach(JobLocks.Held::close);
			err.println(ex.getMessage());
			err.flush();
			return ExitCodes.USAGE;
		}
		outageWatch.start();
		try {
			for (JobLocks.Held lock : held) {
				lockListener.lockHeld(lock.job());
			}
			return migrate(pairs, jobFiles, out, err);
		}
		finally {
			outageWatch.stop();
			held.forEach(JobLocks.Held::close);
		}
	}

	private int migrate(List<JobConfig> pairs, List<Path> jobFiles, PrintWriter out, PrintWriter err) throws Exception {
		JobParameters parameters = parameters(pairs, jobFiles);
		String name = parameters.getString(AttachmentMigrationJobConfiguration.PARAM_NAME);
		String run = "Run '" + name + "' (" + pairs.size() + " job file(s))";
		JobExecution last = jobRepository.getLastJobExecution(PartitionedMigrationConfiguration.JOB_NAME, parameters);
		switch (NextRun.after(last).action()) {
			case NOTHING -> {
				out.println(run + " already completed (execution " + last.getId() + ", ended " + last.getEndTime()
						+ "); nothing to do.");
				out.flush();
				return ExitCodes.COMPLETED;
			}
			case ABANDONED -> {
				err.println(run + " was abandoned and cannot resume; rename its jobs to start them again.");
				return ExitCodes.USAGE;
			}
			case RECOVER_THEN_RESUME -> {
				out.println("Execution " + last.getId() + " of " + run + " was left " + last.getStatus()
						+ " by a process that stopped abruptly; recovering it.");
				out.flush();
				try (AbandonedPartitions.TakenOver partitions = abandonedPartitions.takeOver(last)) {
					jobOperator.recover(last);
				}
				out.println("Resuming " + run + ": the partitions that did not complete.");
			}
			case FAIL_THEN_RESUME -> {
				UnknownExecutions.markFailed(jobRepository, last);
				out.println("Resuming " + run + " (left UNKNOWN): the partitions that did not complete.");
			}
			case RESUME -> out.println("Resuming " + run + ": the partitions that did not complete.");
			case START -> {
				JobInstance orphan = jobRepository.getJobInstance(PartitionedMigrationConfiguration.JOB_NAME,
						parameters);
				if (orphan != null) {
					jobRepository.deleteJobInstance(orphan);
				}
				out.println("Starting " + run + ".");
			}
		}
		out.flush();
		JobParameters launched = new JobParametersBuilder(parameters)
			.addString(MigrationLauncher.PARAM_EXECUTION_STARTED, Instant.now().toString(), false)
			.toJobParameters();
		JobExecution execution = jobOperator.start(job, launched);
		return report(pairs, run, execution, out, err);
	}

	private int report(List<JobConfig> pairs, String run, JobExecution execution, PrintWriter out, PrintWriter err) {
		List<Throwable> failures = execution.getAllFailureExceptions();
		PreflightException preflight = failures.stream()
			.map(MigrationLauncher::preflightCause)
			.filter(cause -> cause != null)
			.findFirst()
			.orElse(null);
		if (preflight != null) {
			err.println("The job files do not fit the apps (nothing was written):");
			preflight.problems().forEach(problem -> err.println("  " + problem));
			return ExitCodes.USAGE;
		}
		out.println("Partitions of this execution:");
		execution.getStepExecutions()
			.stream()
			.filter(step -> step.getExecutionContext().containsKey(PartitionKeys.PAIR))
			.sorted(Comparator.comparing(StepExecution::getStepName))
			.forEach(step -> out.println("  " + describe(step)));
		for (JobConfig pair : pairs) {
			output.summarize(pair, execution, out, err);
			output.printJobTotals(pair, out);
		}
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			out.println(run + " completed.");
			return ExitCodes.COMPLETED;
		}
		if (status == BatchStatus.STOPPED) {
			String reason = execution.getExecutionContext().containsKey(ExecutionKeys.STOP_REASON)
					? execution.getExecutionContext().getString(ExecutionKeys.STOP_REASON) : null;
			out.println(reason != null ? reason : run + " stopped; run the same command again to resume.");
			return ExitCodes.STOPPED;
		}
		err.println(run + " " + status + ": " + (failures.isEmpty() ? execution.getExitStatus().getExitDescription()
				: FailureMessages.of(failures.get(0))));
		if (failures.stream().anyMatch(failure -> Failures.accessRefusal(failure) != null)) {
			err.println("kintone refused access: running again will not help until the job files' credentials"
					+ " have the permissions the jobs need (source: view records; target: view and edit records).");
			return ExitCodes.USAGE;
		}
		err.println("Run the same command again: the partitions that did not complete resume from their last"
				+ " checkpoint; the completed ones are not run again.");
		return ExitCodes.FAILED;
	}

	private static String describe(StepExecution step) {
		String partition = step.getStepName().substring(step.getStepName().indexOf(':') + 1);
		String line = partition + ": " + step.getStatus() + ", "
				+ step.getExecutionContext().getLong(ExecutionKeys.FILES_MOVED, 0L) + " file(s) attached, "
				+ step.getReadCount() + " record(s) read";
		String exit = step.getExitStatus().getExitDescription();
		if (step.getStatus() != BatchStatus.COMPLETED && !exit.isBlank()) {
			line += " (" + exit.lines().findFirst().orElse("") + ")";
		}
		return line;
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
