package io.kintonemigrator.ledger;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a held lock's row every third of the lease on a daemon thread, until
 * {@link #stop()}. A renewal that finds the row taken over is logged as an error, one
 * that fails (the database away) as a warning; neither stops the heartbeat, and the
 * writer's fence ({@link JobLocks#verifyHeld}) is what stops a run that lost its lock.
 */
final class LockHeartbeat {

	// the lock's messages all stay under one logger, JobLocks'
	private static final Logger logger = LoggerFactory.getLogger(JobLocks.class);

	private final JobLockTable table;

	private final String job;

	private final String owner;

	private final Duration lease;

	private final ScheduledExecutorService executor;

	LockHeartbeat(JobLockTable table, String job, String owner, Duration lease) {
		this.table = table;
		this.job = job;
		this.owner = owner;
		this.lease = lease;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("job-lock-heartbeat-");
		threads.setDaemon(true);
		this.executor = Executors.newSingleThreadScheduledExecutor(threads);
		long period = Math.max(1, lease.toMillis() / 3);
		executor.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
	}

	private void beat() {
		try {
			if (!table.renew(job, owner)) {
				logger.error("The lock of job '" + job + "' was taken over by another process while this one "
						+ "still runs it (the heartbeat was late by more than the lease " + lease + ")");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not renew the lock of job '" + job + "': " + ex.getMessage());
		}
	}

	/** Stops renewing; a renewal under way is interrupted. */
	void stop() {
		executor.shutdownNow();
	}

}
