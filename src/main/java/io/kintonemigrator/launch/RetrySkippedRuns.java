package io.kintonemigrator.launch;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.stream.Collectors;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.ledger.MigrationLedger;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.report.RunOutput;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Runs {@code migrate --retry-skipped}: the source records the ledger holds skipped
 * attachments of (a missing target record, a permission, a file gone...) are read again
 * and migrated as a first run would, now that the cause may be fixed; a record whose
 * cause remains is skipped again with the reason of now.
 *
 * <p>
 * A retry run is its own job instance: the job's identifying parameters plus
 * {@link AttachmentMigrationJobConfiguration#PARAM_RETRY_SKIPPED} (when it started). Its
 * reader asks kintone for exactly the ledger's skipped records ({@code $id in (...)}, 100
 * ids per request, with the job's query), and its writer opens their skips again (like an
 * incremental run). One that fails, is stopped or dies is resumed by the next
 * {@code --retry-skipped} (same instance, its checkpoint) before a new one starts. The
 * job's own instance is not touched: {@code migrate} without the flag says what it said
 * before. The caller holds the job's lock.
 */
class RetrySkippedRuns {

	private final MigrationLauncher launcher;

	private final JobRepository jobRepository;

	private final MigrationLedger ledger;

	private final RunOutput output;

	private final Clock clock;

	RetrySkippedRuns(MigrationLauncher launcher, JobRepository jobRepository, MigrationLedger ledger, RunOutput output,
			Clock clock) {
		this.launcher = launcher;
		this.jobRepository = jobRepository;
		this.ledger = ledger;
		this.output = output;
		this.clock = clock;
	}

	MigrationLauncher.Outcome retry(JobConfig config, Path jobFile, PrintWriter out, PrintWriter err) throws Exception {
		String unfinished = unfinished(config);
		if (unfinished != null) {
			out.println("Resuming the retry of the skipped attachments of job '" + config.name() + "' that started "
					+ unfinished + ".");
			return launcher.migrate(config, parameters(config, jobFile, unfinished), out, err);
		}
		NavigableSet<Long> records = ledger.recordsToRetry(config.name(), config.source().app().value());
		if (records.isEmpty()) {
			out.println("Job '" + config.name() + "' has no skipped attachment to retry.");
			output.printJobTotals(config, out);
			return new MigrationLauncher.Outcome(ExitCodes.COMPLETED, null);
		}
		out.println("Retrying the skipped attachments of job '" + config.name() + "': " + records.size()
				+ " source record(s) (" + describe(records) + ").");
		return launcher.migrate(config,
				parameters(config, jobFile, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString()), out, err);
	}

	/** The job's identifying parameters, the retry's start, and the job file of now. */
	static JobParameters parameters(JobConfig config, Path jobFile, String retryStarted) {
		return new JobParametersBuilder(MigrationLauncher.parameters(config, jobFile))
			.addString(AttachmentMigrationJobConfiguration.PARAM_RETRY_SKIPPED, retryStarted, true)
			.toJobParameters();
	}

	/**
	 * When this job file's retry run whose last execution did not complete started, if
	 * there is one.
	 */
	private @Nullable String unfinished(JobConfig config) {
		return jobRepository.getJobInstances(AttachmentMigrationJobConfiguration.JOB_NAME, 0, Integer.MAX_VALUE)
			.stream()
			.map(jobRepository::getLastJobExecution)
			.filter(Objects::nonNull)
			.filter(last -> isRetryOf(config, last) && last.getStatus() != BatchStatus.COMPLETED
					&& last.getStatus() != BatchStatus.ABANDONED)
			.map(last -> last.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_RETRY_SKIPPED))
			.findFirst()
			.orElse(null);
	}

	private static boolean isRetryOf(JobConfig config, JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		return parameters.getString(AttachmentMigrationJobConfiguration.PARAM_RETRY_SKIPPED) != null
				&& config.name().equals(parameters.getString(AttachmentMigrationJobConfiguration.PARAM_NAME))
				&& config.fingerprint()
					.equals(parameters.getString(AttachmentMigrationJobConfiguration.PARAM_FINGERPRINT));
	}

	/** "1, 5, 60" or, for many, the first ten and how many more. */
	private static String describe(NavigableSet<Long> records) {
		String first = records.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "));
		return records.size() > 10 ? first + " and " + (records.size() - 10) + " more" : first;
	}

}
