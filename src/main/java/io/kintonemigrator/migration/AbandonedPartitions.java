package io.kintonemigrator.migration;

import org.springframework.batch.core.job.JobExecution;

/**
 * What must happen to the partitions an execution left running before the execution is
 * recovered (marked FAILED so that it can resume). Run locally, the partitions died with
 * the process that ran them: nothing to do ({@link #NONE}). Run by remote workers, they
 * may still run, and recovering before they end would send their ranges to a second
 * worker while the first one still writes.
 */
@FunctionalInterface
public interface AbandonedPartitions {

	/** Partitions that ran in the process that left the execution: nothing to do. */
	AbandonedPartitions NONE = abandoned -> () -> {
	};

	/**
	 * Returns once no process can write for the abandoned execution's running partitions
	 * any more, waiting for them as long as needed, and keeps any other process from
	 * starting its waiting partitions until the result is closed: close it once the
	 * execution is recovered.
	 * @param abandoned the execution about to be recovered
	 * @throws InterruptedException when the wait is interrupted
	 */
	TakenOver takeOver(JobExecution abandoned) throws InterruptedException;

	/** The partitions taken over: closing lets them go. */
	interface TakenOver extends AutoCloseable {

		@Override
		void close();

	}

}
