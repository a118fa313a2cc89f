package io.kintonemigrator.ledger;

/**
 * A check right before a write to kintone that this process still holds the job's lock: a
 * holder that stalled (a long GC pause, a frozen VM, a lost network) for longer than the
 * lease may have been replaced by another run, and must not write after it.
 * {@link JobLocks} is the real fence; {@link #NONE} is for a job run without a lock
 * (tests that drive the job directly).
 */
@FunctionalInterface
public interface LeaseFence {

	/** A fence that checks nothing. */
	LeaseFence NONE = job -> {
	};

	/**
	 * Returns when this process still holds the job's lock (renewing it, so the next
	 * lease starts now); throws otherwise.
	 * @throws LeaseLostException when another run has taken the lock over
	 */
	void verifyHeld(String job);

}
