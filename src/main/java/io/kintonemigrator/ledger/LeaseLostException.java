package io.kintonemigrator.ledger;

import org.jspecify.annotations.Nullable;

/**
 * This run no longer holds its job's lock: it was stalled for longer than the lease and
 * another run took the job over. Thrown before the next write, so this run writes nothing
 * more; the other run continues the job.
 */
public class LeaseLostException extends IllegalStateException {

	public LeaseLostException(String job, JobLocks.@Nullable Holder holder) {
		super("This run lost the lock of job '" + job + "' (it stalled for longer than the lease) and stopped before "
				+ "its next update; " + (holder == null ? "no run holds it now: run the same command again"
						: holder.describe() + " holds it now and continues the job"));
	}

}
