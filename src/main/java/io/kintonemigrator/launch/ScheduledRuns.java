package io.kintonemigrator.launch;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.cli.CommandEnvironment;
import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobFiles;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import io.kintonemigrator.config.JobConfigLoader;

import org.springframework.scheduling.support.CronExpression;

/**
 * {@code migrate --every CRON}: stays alive and starts an incremental run at every tick
 * of a Spring {@link CronExpression} (six fields, seconds first), one run at a time: the
 * next tick is computed when a run ends, so ticks that pass during a long run are
 * skipped, not queued. Each run starts its own application context (the job file is read
 * again, and an H2 database is open only while a run needs it). A failed run, or a tick
 * where another process holds the job, is logged and the next tick tries again, which
 * resumes a failed run. {@link #stop()} (SIGTERM) ends the loop: at once while waiting,
 * after the run (which the stop signal also stops) otherwise.
 *
 * <p>
 * Thread-safety: {@link #loop()} runs on one thread; {@link #stop()} may be called from
 * any.
 */
final class ScheduledRuns {

	/** Starts one incremental run and returns its exit code. */
	interface Run {

		int run() throws Exception;

	}

	/** Waits until an instant; false when the wait ended because the loop was stopped. */
	interface Waiter {

		boolean waitUntil(Instant time) throws InterruptedException;

		void wake();

	}

	private final CronExpression cron;

	private final ZoneId zone;

	private final Clock clock;

	private final Waiter waiter;

	private final Run run;

	/** The loop's status lines (standard error). */
	private final PrintWriter notes;

	private volatile boolean stopped;

	ScheduledRuns(CronExpression cron, ZoneId zone, Clock clock, Waiter waiter, Run run, PrintWriter notes) {
		this.cron = cron;
		this.zone = zone;
		this.clock = clock;
		this.waiter = waiter;
		this.run = run;
		this.notes = notes;
	}

	/**
	 * The {@code --every} option: validates the schedule and the job file, then loops
	 * until SIGTERM.
	 */
	static int fromCommandLine(String every, Path jobFile, Map<String, Object> properties, PrintWriter out,
			PrintWriter err) throws Exception {
		CronExpression cron;
		try {
			cron = CronExpression.parse(every);
		}
		catch (IllegalArgumentException ex) {
			err.println("--every '" + every + "' is not a cron expression (" + ex.getMessage()
					+ "); use six fields, seconds first, e.g. '0 0 * * * *' for every hour");
			err.flush();
			return ExitCodes.USAGE;
		}
		if (JobFiles.load(new JobConfigLoader(), jobFile, err) == null) {
			return ExitCodes.USAGE;
		}
		Clock clock = Clock.systemDefaultZone();
		// the loop's own lines tell what it does; each run's result goes to out
		ScheduledRuns loop = new ScheduledRuns(cron, clock.getZone(), clock, new ClockWaiter(clock),
				() -> MigrateCommand.run(new JobConfigLoader(), jobFile, properties, true, out, err),
				CommandEnvironment.notes(err));
		CountDownLatch ended = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			loop.stop();
			try {
				// lets the loop print its last line; main's System.exit would block on
				// this hook
				ended.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "every-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
		try {
			return loop.loop();
		}
		finally {
			ended.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException ex) {
				// already shutting down
			}
		}
	}

	/**
	 * Runs until stopped. Returns 0 when stopped between runs, or the exit code of the
	 * run the stop interrupted.
	 */
	int loop() throws InterruptedException {
		int last = ExitCodes.COMPLETED;
		while (!stopped) {
			ZonedDateTime next = cron.next(ZonedDateTime.now(clock.withZone(zone)));
			if (next == null) {
				notes.println("The schedule has no further tick; stopping.");
				notes.flush();
				return last;
			}
			notes.println("Next incremental run at " + next + ".");
			notes.flush();
			if (!waiter.waitUntil(next.toInstant()) || stopped) {
				break;
			}
			last = runOnce();
		}
		notes.println("Stopped; no further runs are scheduled.");
		notes.flush();
		return stopped ? last : ExitCodes.COMPLETED;
	}

	private int runOnce() {
		try {
			int code = run.run();
			notes.println(switch (code) {
				case ExitCodes.COMPLETED -> "Incremental run completed.";
				case ExitCodes.USAGE ->
					"Incremental run did not start (exit 2, see above); trying again at the next tick.";
				case ExitCodes.STOPPED -> "Incremental run stopped (exit 3); the next tick resumes it.";
				default -> "Incremental run failed (exit " + code + "); the next tick resumes it.";
			});
			notes.flush();
			return code;
		}
		catch (Exception ex) {
			notes.println("Incremental run failed: " + ex + "; the next tick resumes it.");
			notes.flush();
			return ExitCodes.FAILED;
		}
	}

	void stop() {
		stopped = true;
		waiter.wake();
	}

	/**
	 * Waits on a monitor until the clock reaches the instant; {@link #wake()} ends the
	 * wait early.
	 */
	static final class ClockWaiter implements Waiter {

		private final Clock clock;

		/** Stays set: a stopped loop never waits again. */
		private boolean woken;

		ClockWaiter(Clock clock) {
			this.clock = clock;
		}

		@Override
		public synchronized boolean waitUntil(Instant time) throws InterruptedException {
			long left;
			while (!woken && (left = time.toEpochMilli() - clock.millis()) > 0) {
				wait(left);
			}
			return !woken;
		}

		@Override
		public synchronized void wake() {
			woken = true;
			notifyAll();
		}

	}

}
