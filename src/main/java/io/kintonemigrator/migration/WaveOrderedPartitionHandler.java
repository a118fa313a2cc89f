package io.kintonemigrator.migration;

import java.util.Set;

import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * The local partition handler: runs the partitions on a task executor, wave by wave
 * ({@link PartitionWaves}): the partitions of a wave run in parallel, the next wave
 * starts once all of them completed; when one did not, the later waves are saved STOPPED,
 * not started, and the next run starts them.
 */
public class WaveOrderedPartitionHandler extends TaskExecutorPartitionHandler {

	private final PartitionWaves waves;

	public WaveOrderedPartitionHandler(JobRepository jobRepository) {
		this.waves = new PartitionWaves(jobRepository);
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution managerStepExecution,
			Set<StepExecution> partitionStepExecutions) throws Exception {
		return waves.run(partitionStepExecutions, wave -> super.doHandle(managerStepExecution, wave));
	}

}
