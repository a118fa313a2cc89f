package io.kintonemigrator.migration;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs partitions wave by wave, the rule both partition handlers (local and remote)
 * follow: the partitions are grouped by their wave ({@link PartitionKeys#WAVE}, see
 * {@link PairOrder}; lower first), each wave is handed whole to a {@link WaveRunner}, and
 * the next wave starts once all partitions of the previous one COMPLETED. When a wave
 * does not complete, the partitions of later waves do not start: each is saved STOPPED
 * (exit description: what it waits for), so the next run of the job starts it.
 */
public final class PartitionWaves {

	private final JobRepository jobRepository;

	public PartitionWaves(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * Runs the partitions in waves.
	 * @param partitions the partitions' step executions
	 * @param runner runs one wave and returns its partitions as they ended
	 * @return every partition: those run, as the runner returned them, and those not
	 * started, saved STOPPED
	 * @throws Exception what the runner throws (later waves then do not run)
	 */
	public Set<StepExecution> run(Set<StepExecution> partitions, WaveRunner runner) throws Exception {
		TreeMap<Integer, Set<StepExecution>> waves = partitions.stream()
			.collect(Collectors.groupingBy(step -> step.getExecutionContext().getInt(PartitionKeys.WAVE, 0),
					TreeMap::new, Collectors.toSet()));
		Set<StepExecution> results = new HashSet<>();
		@Nullable String blocker = null;
		for (Set<StepExecution> wave : waves.values()) {
			if (blocker != null) {
				for (StepExecution waiting : wave) {
					results.add(notStarted(waiting, blocker));
				}
				continue;
			}
			Set<StepExecution> ended = runner.run(wave);
			results.addAll(ended);
			List<String> unfinished = ended.stream()
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

	/**
	 * Runs one wave of partitions to its end.
	 */
	@FunctionalInterface
	public interface WaveRunner {

		/**
		 * @param wave the partitions of one wave, to run together
		 * @return the partitions as they ended
		 * @throws Exception when the wave could not be run
		 */
		Set<StepExecution> run(Set<StepExecution> wave) throws Exception;

	}

}
