package io.kintonemigrator.remote;

import org.jspecify.annotations.Nullable;

import io.kintonemigrator.ledger.JobLocks;
import io.kintonemigrator.ledger.LeaseFence;

/**
 * A worker's claim on the partition it runs: a row of the job locks ({@link JobLocks},
 * table {@code KAM_JOB_LOCK}) named after the partition's step execution, taken before
 * the partition starts and released after its end is recorded, its heartbeat renewed in
 * the background like a job's lock. The manager reads a running partition whose claim is
 * gone stale (heartbeat older than {@code kam.lock.lease}, or its process gone on the
 * manager's own machine) as lost ({@link LostPartitions}).
 * <p>
 * As a {@link LeaseFence} it fences the writes of the partition running on the calling
 * thread: a worker that stalled past its lease, whose partition the manager has taken
 * back, must not write to kintone after it. Thread-safe.
 */
final class PartitionLeases implements LeaseFence {

	private static final ThreadLocal<@Nullable String> CURRENT = new ThreadLocal<>();

	private final JobLocks locks;

	PartitionLeases(JobLocks locks) {
		this.locks = locks;
	}

	/** The lock row of a partition's step execution. */
	static String name(long stepExecutionId) {
		return "partition-" + stepExecutionId;
	}

	/**
	 * Claims the partition for this process and the calling thread.
	 * @throws io.kintonemigrator.ledger.JobLockedException when another live worker holds
	 * it
	 */
	Claim claim(long stepExecutionId) {
		JobLocks.Held held = locks.acquire(name(stepExecutionId));
		CURRENT.set(held.job());
		return new Claim(held);
	}

	/**
	 * Verifies the job's lock (held by a manager elsewhere, so nothing to check here) and
	 * the claim of the partition this thread runs.
	 */
	@Override
	public void verifyHeld(String job) {
		locks.verifyHeld(job);
		String partition = CURRENT.get();
		if (partition != null) {
			locks.verifyHeld(partition);
		}
	}

	/** A held claim; closing releases it. */
	static final class Claim implements AutoCloseable {

		private final JobLocks.Held held;

		private Claim(JobLocks.Held held) {
			this.held = held;
		}

		@Override
		public void close() {
			CURRENT.remove();
			held.close();
		}

	}

}
