package io.kintonemigrator.remote;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;

/**
 * What a worker recorded of a partition, copied into the manager's own object of it: the
 * manager created the partitions' step executions, the workers ran them in other JVMs,
 * and what the manager prints and reports (status, counts, the execution context the
 * job's listeners fill) is read from the job execution it holds. A partition that did not
 * complete carries its exit description as a failure, so the manager's last line names
 * it.
 */
final class PartitionResults {

	private PartitionResults() {
	}

	static void copy(StepExecution recorded, StepExecution held) {
		held.setStatus(recorded.getStatus());
		held.setExitStatus(recorded.getExitStatus());
		held.setStartTime(recorded.getStartTime());
		held.setEndTime(recorded.getEndTime());
		held.setLastUpdated(recorded.getLastUpdated());
		held.setReadCount(recorded.getReadCount());
		held.setWriteCount(recorded.getWriteCount());
		held.setFilterCount(recorded.getFilterCount());
		held.setCommitCount(recorded.getCommitCount());
		held.setRollbackCount(recorded.getRollbackCount());
		held.setReadSkipCount(recorded.getReadSkipCount());
		held.setWriteSkipCount(recorded.getWriteSkipCount());
		held.setProcessSkipCount(recorded.getProcessSkipCount());
		held.setExecutionContext(recorded.getExecutionContext());
		held.setVersion(recorded.getVersion());
		String description = recorded.getExitStatus().getExitDescription();
		if (recorded.getStatus() == BatchStatus.FAILED && !description.isBlank()) {
			held.addFailureException(new PartitionFailedException(held.getStepName(), description));
		}
	}

	/** A partition that failed on a worker, as the worker described it. */
	static final class PartitionFailedException extends RuntimeException {

		PartitionFailedException(String partition, String description) {
			super("partition " + partition + ": " + firstLine(description), null, false, false);
		}

		private static String firstLine(String description) {
			int end = description.indexOf('\n');
			return (end < 0 ? description : description.substring(0, end)).strip();
		}

	}

}
