package io.kintonemigrator.status;

import io.kintonemigrator.launch.MigrationLauncher;
import io.kintonemigrator.launch.NextRun;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
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
 * Prints the executions of the attachment migration job from the job repository: per job
 * instance (a job name and the fingerprint of its job file), every execution with its
 * status, times, counts of step {@code migrate} ({@link ExecutionKeys}; "-" where an
 * execution holds none) and last error, then what {@code migrate} would do next
 * ({@link NextRun}). Reads only.
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
	void print(@Nullable JobConfig config, @Nullable Path jobFile, PrintWriter out) {
		String jobName = AttachmentMigrationJobConfiguration.JOB_NAME;
		List<JobInstance> instances = new ArrayList<>(repository.getJobInstances(jobName, 0, Integer.MAX_VALUE));
		instances.sort(Comparator.comparingLong(JobInstance::getInstanceId));
		JobInstance current = config == null || jobFile == null ? null
				: repository.getJobInstance(jobName, MigrationLauncher.parameters(config, jobFile));
		int shown = 0;
		for (JobInstance instance : instances) {
			List<JobExecution> executions = new ArrayList<>(repository.getJobExecutions(instance));
			if (executions.isEmpty()) {
				continue; // an instance a crash left before its first execution; migrate
							// deletes it
			}
			executions.sort(Comparator.comparingLong(JobExecution::getId));
			JobExecution last = executions.get(executions.size() - 1);
			String name = last.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_NAME);
			if (config != null && !config.name().equals(name)) {
				continue;
			}
			shown++;
			out.println("Job '" + name + "' (instance " + instance.getInstanceId() + ", fingerprint "
					+ last.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_FINGERPRINT)
					+ ", job file " + last.getJobParameters().getString(AttachmentMigrationJobConfiguration.PARAM_FILE)
					+ ")");
			executions.forEach(execution -> printExecution(execution, out));
			if (current == null || current.getInstanceId() == instance.getInstanceId()) {
				out.println("  next migrate: "
						+ NextRun.after(last).describe(repository.getLastStepExecution(instance, MIGRATE_STEP)));
			}
			else {
				out.println("  (an earlier version of the job file: migrate with the current file does not resume it)");
			}
		}
		if (config != null && (current == null || shown == 0)) {
			out.println(
					(shown == 0 ? "No executions of job '" + config.name() + "' yet"
							: "Job '" + config.name() + "' with the current job file (fingerprint "
									+ config.fingerprint() + ")")
							+ ": next migrate: " + NextRun.after(null).describe(null) + ".");
		}
		else if (shown == 0) {
			out.println("No executions in the job repository yet.");
		}
		out.flush();
	}

	private static void printExecution(JobExecution execution, PrintWriter out) {
		out.println("  execution " + execution.getId() + "  " + execution.getStatus() + "  started "
				+ time(execution.getStartTime()) + "  ended " + time(execution.getEndTime()));
		StepExecution migrate = execution.getStepExecutions()
			.stream()
			.filter(step -> MIGRATE_STEP.equals(step.getStepName()))
			.findFirst()
			.orElse(null);
		if (migrate == null) {
			out.println("    no record read (step migrate did not run)");
		}
		else {
			ExecutionContext context = migrate.getExecutionContext();
			out.println("    records read " + migrate.getReadCount() + ", written " + migrate.getWriteCount()
					+ ", without attachments " + migrate.getFilterCount() + ", skipped " + migrate.getSkipCount()
					+ "; files moved " + key(context, ExecutionKeys.FILES_MOVED) + " ("
					+ key(context, ExecutionKeys.BYTES_MOVED) + " bytes), skipped "
					+ key(context, ExecutionKeys.FILES_SKIPPED) + ", retries " + key(context, ExecutionKeys.RETRIES));
			out.println("    kintone requests: source " + key(context, ExecutionKeys.SOURCE_REQUESTS) + " counted + "
					+ key(context, ExecutionKeys.SOURCE_UNCOUNTED_REQUESTS) + " not counted, target "
					+ key(context, ExecutionKeys.TARGET_REQUESTS) + " counted + "
					+ key(context, ExecutionKeys.TARGET_UNCOUNTED_REQUESTS)
					+ " not counted (only counted ones use the daily quota)");
		}
		String error = execution.getStatus() == BatchStatus.COMPLETED ? null : lastError(execution);
		if (error != null) {
			out.println("    last error: " + error);
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

	private static String key(ExecutionContext context, String key) {
		return context.containsKey(key) ? String.format(Locale.ROOT, "%,d", context.getLong(key)) : "-";
	}

	private static String time(@Nullable LocalDateTime time) {
		return time == null ? "-" : TIME.format(time);
	}

}
