package io.kintonemigrator.migration;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The local partition handler: runs the partitions on a task executor, wave by wave
 * ({@link PartitionKeys#WAVE}, {@link PairOrder}): the partitions of a wave run in
 * parallel, the next wave starts once all of them completed. When a wave does not
 * complete, the partitions of later waves do not start: each is saved STOPPED (exit
 * description: what it waits for), so the next run of the job starts it.
 */
public class WaveOrderedPartitionHandler extends TaskExecutorPartitionHandler {

	private final JobRepository jobRepository;

	public WaveOrderedPartitionHandler(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution managerStepExecution,
			Set<StepExecution> partitionStepExecutions) throws Exception {
		TreeMap<Integer, Set<StepExecution>> waves = partitionStepExecutions.stream()
			.collect(Collectors.groupingBy(step -> step.getExecutionContext().getInt(PartitionKeys.WAVE, 0),
					TreeMap::new, Collectors.toSet()));
		Set<StepExecution> results = new HashSet<>();
		String blocker = null;
		for (Set<StepExecution> wave : waves.values()) {
			if (blocker != null) {
				for (StepExecution waiting : wave) {
					results.add(notStarted(waiting, blocker));
				}
				continue;
			}
			Set<StepExecution> done = super.doHandle(managerStepExecution, wave);
			results.addAll(done);
			List<String> unfinished = done.stream()
				.filter(step -> step.getStatus() != BatchStatus.COMPLETED)
				.map(StepExecution::getStepName)
				.sorted()
				.toList();
			if (!unfinished.isEmpty()) {
				blocker = String.join(", ", unfinished);
			}
		}
		return results;
	}

	private StepExecution notStarted(StepExecution step, String blocker) {
		step.setStatus(BatchStatus.STOPPED);
		step.setExitStatus(ExitStatus.STOPPED
			.addExitDescription("Not started: it runs after " + blocker + ", which did not complete"));
		step.setStartTime(LocalDateTime.now());
		step.setEndTime(LocalDateTime.now());
		jobRepository.update(step);
		return step;
	}

}
