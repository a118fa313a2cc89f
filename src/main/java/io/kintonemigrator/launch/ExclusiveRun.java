package io.kintonemigrator.launch;

import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.ledger.JobLockedException;
import io.kintonemigrator.ledger.JobLocks;

/**
 * One run of a job while holding its lock: a full run ({@code migrate}) or an incremental
 * one ({@code --since-last-run}). A job that another process runs is exit code 2 with one
 * line naming that process. Only a lock holder may recover an execution left running, so
 * recovery happens strictly inside the lock. While the lock is held,
 * {@link DatabaseOutageWatch} bounds how long the run waits for a job database that went
 * away.
 */
class ExclusiveRun {

	private final JobLocks locks;

	private final MigrationLauncher launcher;

	private final IncrementalRuns incremental;

	private final DatabaseOutageWatch outageWatch;

	ExclusiveRun(JobLocks locks, MigrationLauncher launcher, IncrementalRuns incremental,
			DatabaseOutageWatch outageWatch) {
		this.locks = locks;
		this.launcher = launcher;
		this.incremental = incremental;
		this.outageWatch = outageWatch;
	}

	int run(JobConfig config, Path jobFile, boolean sinceLastRun, PrintWriter out, PrintWriter err) throws Exception {
		JobLocks.Held lock;
		try {
			lock = locks.acquire(config.name());
		}
		catch (JobLockedException ex) {
			err.println(ex.getMessage());
			err.flush();
			return ExitCodes.USAGE;
		}
		outageWatch.start();
		try (lock) {
			holdForTest();
			if (sinceLastRun) {
				return incremental.incremental(config, jobFile, out, err).exitCode();
			}
			MigrationLauncher.Outcome outcome = launcher.migrate(config, jobFile, out, err);
			incremental.afterFullRun(config, outcome);
			return outcome.exitCode();
		}
		finally {
			outageWatch.stop();
		}
	}

	/**
	 * <b>Test hook</b>, inert unless {@code kam.test.holdLockUntil} names a file: holding
	 * the lock, waits until that file exists, so an overlap test decides when the first
	 * run may go on.
	 */
	private static void holdForTest() throws InterruptedException {
		String until = System.getProperty("kam.test.holdLockUntil");
		if (until == null) {
			return;
		}
		System.out.println("kam.test: holding the job lock until " + until + " exists");
		System.out.flush();
		while (!Files.exists(Path.of(until))) {
			Thread.sleep(20);
		}
	}

}
