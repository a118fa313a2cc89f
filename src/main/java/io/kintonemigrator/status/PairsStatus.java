package io.kintonemigrator.status;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.launch.NextRun;
import io.kintonemigrator.launch.PairsRun;
import io.kintonemigrator.ledger.LedgerSummary;
import io.kintonemigrator.ledger.MigrationLedger;
import io.kintonemigrator.migration.AttachmentMigrationJobConfiguration;
import io.kintonemigrator.migration.ExecutionKeys;
import io.kintonemigrator.migration.PartitionKeys;
import io.kintonemigrator.migration.PartitionedMigrationConfiguration;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * {@code status} of a run of several app pairs (the job files given): its executions, the
 * last state of each partition, each pair's ledger totals and their sum, and what
 * {@code migrate} with the same job files would do next. Reads only.
 */
final class PairsStatus {

	private final JobRepository repository;

	private final MigrationLedger ledger;

	PairsStatus(JobRepository repository, MigrationLedger ledger) {
		this.repository = repository;
		this.ledger = ledger;
	}

	/** One pair: its ledger totals and the last execution of each of its partitions. */
	record Pair(String name, long attached, long attachedBytes, long skipped, List<Partition> partitions) {
	}

	/** The last execution of a partition. */
	record Partition(String name, String status, long recordsRead, long filesMoved, @Nullable String exit) {
	}

	/** The run of these pairs, as the repository and the ledger know it. */
	record Run(String name, @Nullable Long instance, List<Long> executions, @Nullable String lastStatus,
			List<Pair> pairs, long attached, long attachedBytes, long skipped, String nextMigrate) {
	}

	Run read(List<JobConfig> pairs, List<Path> jobFiles) {
		JobParameters parameters = PairsRun.parameters(pairs, jobFiles);
		String name = parameters.getString(AttachmentMigrationJobConfiguration.PARAM_NAME);
		JobInstance instance = repository.getJobInstance(PartitionedMigrationConfiguration.JOB_NAME, parameters);
		List<JobExecution> executions = instance == null ? List.of()
				: repository.getJobExecutions(instance)
					.stream()
					.sorted(Comparator.comparingLong(JobExecution::getId))
					.toList();
		JobExecution last = executions.isEmpty() ? null : executions.get(executions.size() - 1);
		Map<String, List<Partition>> partitions = new TreeMap<>();
		if (instance != null) {
			executions.stream()
				.flatMap(execution -> execution.getStepExecutions().stream())
				.map(StepExecution::getStepName)
				.filter(step -> step.startsWith(PartitionedMigrationConfiguration.WORKER_STEP + ":"))
				.distinct()
				.sorted()
				.map(step -> repository.getLastStepExecution(instance, step))
				.forEach(step -> partitions
					.computeIfAbsent(step.getExecutionContext().getString(PartitionKeys.PAIR, "?"),
							pair -> new ArrayList<>())
					.add(partition(step)));
		}
		List<Pair> shown = new ArrayList<>();
		long attached = 0;
		long bytes = 0;
		long skipped = 0;
		for (JobConfig pair : pairs) {
			LedgerSummary summary = ledger.summary(pair.name());
			shown.add(new Pair(pair.name(), summary.attached(), summary.attachedBytes(), summary.skipped(),
					partitions.getOrDefault(pair.name(), List.of())));
			attached += summary.attached();
			bytes += summary.attachedBytes();
			skipped += summary.skipped();
		}
		return new Run(name, instance == null ? null : instance.getInstanceId(),
				executions.stream().map(JobExecution::getId).toList(), last == null ? null : last.getStatus().name(),
				shown, attached, bytes, skipped, NextRun.after(last).describe(null));
	}

	private static Partition partition(StepExecution step) {
		String exit = step.getExitStatus().getExitDescription();
		return new Partition(step.getStepName().substring(step.getStepName().indexOf(':') + 1), step.getStatus().name(),
				step.getReadCount(), step.getExecutionContext().getLong(ExecutionKeys.FILES_MOVED, 0L),
				exit.isBlank() ? null : exit.lines().findFirst().orElse(null));
	}

	static void print(Run run, PrintWriter out) {
		out.println("Run '" + run.name() + "' of " + run.pairs().size() + " app pairs"
				+ (run.instance() == null ? ": no executions yet" : " (instance " + run.instance() + ", executions "
						+ run.executions() + ", last " + run.lastStatus() + ")"));
		for (Pair pair : run.pairs()) {
			out.println("  " + pair.name() + ": " + pair.attached() + " attachment(s) attached (" + pair.attachedBytes()
					+ " bytes), " + pair.skipped() + " skipped");
			for (Partition partition : pair.partitions()) {
				out.println("    partition " + partition.name() + ": " + partition.status() + " (last execution: "
						+ partition.recordsRead() + " record(s) read, " + partition.filesMoved() + " file(s) attached"
						+ (partition.exit() == null ? "" : "; " + partition.exit()) + ")");
			}
		}
		out.println("  in total: " + run.attached() + " attachment(s) attached (" + run.attachedBytes() + " bytes), "
				+ run.skipped() + " skipped");
		out.println("  next migrate: " + run.nextMigrate());
		out.flush();
	}

}
