package io.kintonemigrator.ledger;

import java.time.Duration;

/** Another live process holds the job's lock; the message names it. */
public class JobLockedException extends RuntimeException {

	private final JobLocks.Holder holder;

	public JobLockedException(String job, JobLocks.Holder holder, Duration lease) {
		super("Job '" + job + "' is already running: " + holder.describe() + ". Wait for that run to end; a holder "
				+ "that died on another host is replaced once its heartbeat is older than " + lease.toSeconds()
				+ " s.");
		this.holder = holder;
	}

	public JobLocks.Holder holder() {
		return holder;
	}

}
