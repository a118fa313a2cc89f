package io.kintonemigrator.launch;

import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintWriter;
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
 * away. The {@link JobLockListener} is told once the lock is held, before the run.
 */
class ExclusiveRun {

	private final JobLocks locks;

	private final MigrationLauncher launcher;

	private final IncrementalRuns incremental;

	private final DatabaseOutageWatch outageWatch;

	private final JobLockListener lockListener;

	ExclusiveRun(JobLocks locks, MigrationLauncher launcher, IncrementalRuns incremental,
			DatabaseOutageWatch outageWatch, JobLockListener lockListener) {
		this.locks = locks;
		this.launcher = launcher;
		this.incremental = incremental;
		this.outageWatch = outageWatch;
		this.lockListener = lockListener;
	}

	int run(JobConfig config, Path jobFile, boolean sinceLastRun, PrintWriter out, PrintWriter err) throws Exception {
		return run(config, jobFile, sinceLastRun ? Kind.SINCE_LAST_RUN : Kind.FULL, out, err);
	}

	int run(JobConfig config, Path jobFile, Kind kind, PrintWriter out, PrintWriter err) throws Exception {
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
			lockListener.lockHeld(config.name());
			if (kind == Kind.SINCE_LAST_RUN) {
				return incremental.incremental(config, jobFile, out, err).exitCode();
			}
			if (kind == Kind.RETRY_SKIPPED) {
				return launcher.retrySkipped(config, jobFile, out, err).exitCode();
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
	 * What a run reads: the whole job, what changed since the last run
	 * ({@code --since-last-run}), or what was skipped ({@code --retry-skipped}).
	 */
	enum Kind {

		FULL, SINCE_LAST_RUN, RETRY_SKIPPED

	}

}
