package io.kintonemigrator.launch;

import java.time.temporal.ChronoUnit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Objects;

import io.kintonemigrator.cli.CommandEnvironment;
import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.ledger.JobWatermarks;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs a job incrementally ({@code migrate --since-last-run}) and keeps its watermark.
 *
 * <p>
 * An incremental run is its own job instance: the job's identifying parameters plus
 * {@code incremental.since} (the watermark, absent before the first completed run: then
 * every record is read) and {@code incremental.started} (taken from the clock before the
 * first read). Both are written to {@link JobWatermarks} before the job starts, so a run
 * that fails, is stopped or dies is resumed with the same parameters, i.e. the same
 * instance and checkpoint, by the next {@code --since-last-run}. Only a completed run
 * moves the watermark, to its start minus the safety margin. A completed full run
 * ({@code migrate} without the flag) sets the watermark too, from the creation of its
 * instance's first execution. The watermark is kept with the job's fingerprint: a job
 * file changed since (a new mapping, a wider query) starts from none, so every record is
 * read again. The caller holds the job's lock. What the run is about goes to standard
 * error; the next watermark, with the run's result, to standard output.
 */
class IncrementalRuns {

	private final MigrationLauncher launcher;

	private final JobWatermarks watermarks;

	private final JobRepository jobRepository;

	private final Clock clock;

	IncrementalRuns(MigrationLauncher launcher, JobWatermarks watermarks, JobRepository jobRepository, Clock clock) {
		this.launcher = launcher;
		this.watermarks = watermarks;
		this.jobRepository = jobRepository;
		this.clock = clock;
	}

	MigrationLauncher.Outcome incremental(JobConfig config, Path jobFile, PrintWriter out, PrintWriter err)
			throws Exception {
		String fingerprint = config.fingerprint();
		PrintWriter notes = CommandEnvironment.notes(err);
		if (watermarks.changedSince(config.name(), fingerprint)) {
			notes.println("The job file of '" + config.name() + "' changed what the job migrates since its last "
					+ "incremental run: the last watermark does not hold for it.");
		}
		JobWatermarks.Run run = watermarks.inProgress(config.name(), fingerprint).orElse(null);
		if (run != null) {
			notes.println("Resuming the incremental run of job '" + config.name() + "' that started " + run.startedAt()
					+ describe(run) + ".");
		}
		else {
			run = new JobWatermarks.Run(watermarks.watermark(config.name(), fingerprint).orElse(null),
					clock.instant().truncatedTo(ChronoUnit.MILLIS));
			watermarks.begin(config.name(), fingerprint, run);
			notes.println("Incremental run of job '" + config.name() + "'" + describe(run) + ".");
		}
		notes.flush();
		MigrationLauncher.Outcome outcome = launcher.migrate(config, parameters(config, jobFile, run), out, err);
		if (outcome.execution() != null && outcome.execution().getStatus() == BatchStatus.COMPLETED) {
			watermarks.completed(config.name(), fingerprint, run.startedAt());
			out.println("Next incremental run: records updated since "
					+ watermarks.watermark(config.name(), fingerprint).orElseThrow() + ".");
		}
		return outcome;
	}

	/**
	 * After a full run: a completed one sets the watermark from when its instance first
	 * started, i.e. the earliest start of its executions, which may have run on machines
	 * in different time zones.
	 */
	void afterFullRun(JobConfig config, MigrationLauncher.Outcome outcome) {
		JobExecution execution = outcome.execution();
		if (execution == null || execution.getStatus() != BatchStatus.COMPLETED) {
			return;
		}
		jobRepository.getJobExecutions(execution.getJobInstance())
			.stream()
			.map(IncrementalRuns::startOf)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.ifPresent(started -> watermarks.completed(config.name(), config.fingerprint(), started));
	}

	/**
	 * When an execution started: the instant {@link MigrationLauncher} recorded. Spring
	 * Batch's create time is the local time of the JVM that wrote it, in a zone nobody
	 * recorded (JST on one machine, UTC in a pod): for an execution launched before the
	 * instant was recorded, it is read as the earliest instant it can mean (UTC+14), so
	 * the watermark errs towards reading records again, never towards missing them.
	 */
	static @Nullable Instant startOf(JobExecution execution) {
		String started = execution.getJobParameters().getString(MigrationLauncher.PARAM_EXECUTION_STARTED);
		if (started != null) {
			return Instant.parse(started);
		}
		LocalDateTime created = execution.getCreateTime();
		return created == null ? null : created.atOffset(ZoneOffset.MAX).toInstant();
	}

	static JobParameters parameters(JobConfig config, Path jobFile, JobWatermarks.Run run) {
		JobParametersBuilder builder = new JobParametersBuilder(MigrationLauncher.parameters(config, jobFile));
		if (run.since() != null) {
			builder.addString(AttachmentMigrationJobConfiguration.PARAM_SINCE, run.since().toString(), true);
		}
		return builder.addString(AttachmentMigrationJobConfiguration.PARAM_STARTED, run.startedAt().toString(), true)
			.toJobParameters();
	}

	private static String describe(JobWatermarks.Run run) {
		return run.since() == null ? " (no completed run yet: every source record)"
				: ": source records updated since " + run.since();
	}

}
