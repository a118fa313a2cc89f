package io.kintonemigrator.status;

import io.kintonemigrator.launch.MigrationLauncher;
import io.kintonemigrator.launch.NextRun;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.migration.ExecutionKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Reads the executions of the attachment migration job from the job repository into a
 * {@link JobStatus}: per job instance (a job name and the fingerprint of its job file),
 * every execution with its status, times, counts of step {@code migrate}
 * ({@link ExecutionKeys}) and last error, then what {@code migrate} would do next
 * ({@link NextRun}); and prints it as text ("-" where an execution holds no count). Reads
 * only.
 */
final class StatusReport {

	private static final String MIGRATE_STEP = "migrate";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JobRepository repository;

	StatusReport(JobRepository repository) {
		this.repository = repository;
	}

	/**
	 * @param config only this job's executions, and the next step for this job file; null
	 * for every job
	 */
	JobStatus read(@Nullable JobConfig config, @Nullable Path jobFile) {
		String jobName = AttachmentMigrationJobConfiguration.JOB_NAME;
		List<JobInstance> instances = new ArrayList<>(repository.getJobInstances(jobName, 0, Integer.MAX_VALUE));
		instances.sort(Comparator.comparingLong(JobInstance::getInstanceId));
		JobInstance current = config == null || jobFile == null ? null
				: repository.getJobInstance(jobName, MigrationLauncher.parameters(config, jobFile));
		List<JobStatus.Instance> shown = new ArrayList<>();
		String currentNext = null;
		for (JobInstance instance : instances) {
			List<JobExecution> executions = new ArrayList<>(repository.getJobExecutions(instance));
			if (executions.isEmpty()) {
				continue; // an instance a crash left before its first execution; migrate
							// deletes it
			}
			executions.sort(Comparator.comparingLong(JobExecution::getId));
			JobExecution last = executions.get(executions.size() - 1);
			String name = last.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_NAME);
			if (name == null || config != null && !config.name().equals(name)) {
				continue;
			}
			boolean isCurrent = current == null || current.getInstanceId() == instance.getInstanceId();
			String next = isCurrent
					? NextRun.after(last).describe(repository.getLastStepExecution(instance, MIGRATE_STEP)) : null;
			if (current != null && isCurrent) {
				currentNext = next;
			}
			shown.add(new JobStatus.Instance(name, instance.getInstanceId(),
					last.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_FINGERPRINT),
					last.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_FILE), run(last),
					executions.stream().map(StatusReport::execution).toList(), isCurrent, next));
		}
		JobStatus.JobFile file = config == null ? null : new JobStatus.JobFile(config.name(), config.fingerprint(),
				currentNext != null, currentNext != null ? currentNext : NextRun.after(null).describe(null));
		return new JobStatus(true, shown, file);
	}

	/**
	 * What kind of run an instance is when it is not the job's own full run: an
	 * incremental run or a retry of what was skipped, each its own instance; null for a
	 * full run.
	 */
	private static @Nullable String run(JobExecution last) {
		String retry = last.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_RETRY_SKIPPED);
		if (retry != null) {
			return "migrate --retry-skipped started " + retry;
		}
		String incremental = last.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_STARTED);
		return incremental == null ? null : "migrate --since-last-run started " + incremental;
	}

	/** What {@code status} says before the job database exists. */
	static JobStatus noDatabase(@Nullable JobConfig config) {
		return new JobStatus(false, List.of(), config == null ? null : new JobStatus.JobFile(config.name(),
				config.fingerprint(), false, NextRun.after(null).describe(null)));
	}

	/** Prints the status as text lines. */
	static void print(JobStatus status, PrintWriter out) {
		for (JobStatus.Instance instance : status.jobs()) {
			out.println("Job '" + instance.name() + "' (instance " + instance.instance() + ", fingerprint "
					+ instance.fingerprint() + ", job file " + instance.jobFile() + ")");
			instance.executions().forEach(execution -> printExecution(execution, out));
			if (instance.current()) {
				out.println("  next migrate: " + instance.nextMigrate());
			}
			else if (instance.run() != null) {
				out.println("  (" + instance.run() + ")");
			}
			else {
				out.println("  (an earlier version of the job file: migrate with the current file does not resume it)");
			}
		}
		JobStatus.JobFile file = status.jobFile();
		if (file != null && !file.hasExecutions()) {
			out.println((status.jobs().isEmpty() ? "No executions of job '" + file.name() + "' yet"
					: "Job '" + file.name() + "' with the current job file (fingerprint " + file.fingerprint() + ")")
					+ ": next migrate: " + file.nextMigrate() + ".");
		}
		else if (status.jobs().isEmpty()) {
			out.println("No executions in the job repository yet.");
		}
		out.flush();
	}

	private static JobStatus.Execution execution(JobExecution execution) {
		StepExecution migrate = execution.getStepExecutions()
			.stream()
			.filter(step -> MIGRATE_STEP.equals(step.getStepName()))
			.findFirst()
			.orElse(null);
		JobStatus.MigrateStep step = null;
		if (migrate != null) {
			ExecutionContext context = migrate.getExecutionContext();
			step = new JobStatus.MigrateStep(migrate.getReadCount(), key(context, ExecutionKeys.RECORDS_UPDATED),
					key(context, ExecutionKeys.RECORDS_SKIPPED), migrate.getFilterCount(),
					key(context, ExecutionKeys.FILES_MOVED), key(context, ExecutionKeys.BYTES_MOVED),
					key(context, ExecutionKeys.FILES_SKIPPED), key(context, ExecutionKeys.RETRIES),
					new JobStatus.Requests(key(context, ExecutionKeys.SOURCE_REQUESTS),
							key(context, ExecutionKeys.SOURCE_UNCOUNTED_REQUESTS)),
					new JobStatus.Requests(key(context, ExecutionKeys.TARGET_REQUESTS),
							key(context, ExecutionKeys.TARGET_UNCOUNTED_REQUESTS)));
		}
		String error = execution.getStatus() == BatchStatus.COMPLETED ? null : lastError(execution);
		return new JobStatus.Execution(execution.getId(), execution.getStatus().name(),
				offset(execution.getStartTime()), offset(execution.getEndTime()), step, error);
	}

	private static void printExecution(JobStatus.Execution execution, PrintWriter out) {
		out.println("  execution " + execution.id() + "  " + execution.status() + "  started "
				+ time(execution.startedAt()) + "  ended " + time(execution.endedAt()));
		JobStatus.MigrateStep migrate = execution.migrate();
		if (migrate == null) {
			out.println("    no record read (step migrate did not run)");
		}
		else {
			out.println("    records read " + migrate.recordsRead() + ", updated " + count(migrate.recordsUpdated())
					+ ", skipped " + count(migrate.recordsSkipped()) + ", without attachments "
					+ migrate.recordsWithoutAttachments() + "; files moved " + count(migrate.filesMoved()) + " ("
					+ count(migrate.bytesMoved()) + " bytes), skipped " + count(migrate.filesSkipped()) + ", retries "
					+ count(migrate.retries()));
			out.println("    kintone requests: source " + count(migrate.sourceRequests().counted()) + " counted + "
					+ count(migrate.sourceRequests().notCounted()) + " not counted, target "
					+ count(migrate.targetRequests().counted()) + " counted + "
					+ count(migrate.targetRequests().notCounted())
					+ " not counted (only counted ones use the daily quota)");
		}
		if (execution.lastError() != null) {
			out.println("    last error: " + execution.lastError());
		}
	}

	/**
	 * One line about why the execution ended as it did: the root cause the job kept
	 * ({@link ExecutionKeys#LAST_ERROR}), else from its exit description (else its
	 * steps') the deepest "Caused by:" of the stack trace Spring Batch keeps there, else
	 * its first line; null when there is none.
	 */
	static @Nullable String lastError(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		if (context.containsKey(ExecutionKeys.LAST_ERROR)) {
			return context.getString(ExecutionKeys.LAST_ERROR);
		}
		List<String> descriptions = new ArrayList<>();
		descriptions.add(execution.getExitStatus().getExitDescription());
		execution.getStepExecutions().forEach(step -> descriptions.add(step.getExitStatus().getExitDescription()));
		return descriptions.stream()
			.filter(Objects::nonNull)
			.map(String::strip)
			.filter(description -> !description.isEmpty())
			.map(StatusReport::rootCause)
			.findFirst()
			.orElse(null);
	}

	private static String rootCause(String description) {
		String line = description.lines().findFirst().orElse(description);
		for (String next : description.lines().toList()) {
			if (next.startsWith("Caused by: ")) {
				line = next.substring("Caused by: ".length());
			}
		}
		return line;
	}

	private static @Nullable Long key(ExecutionContext context, String key) {
		return context.containsKey(key) ? context.getLong(key) : null;
	}

	private static String count(@Nullable Long value) {
		return value == null ? "-" : String.format(Locale.ROOT, "%,d", value);
	}

	/** Spring Batch keeps local date-times of this machine's zone. */
	private static @Nullable OffsetDateTime offset(@Nullable LocalDateTime time) {
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

	private static String time(@Nullable OffsetDateTime time) {
		return time == null ? "-" : TIME.format(time.atZoneSameInstant(ZoneId.systemDefault()));
	}

}
