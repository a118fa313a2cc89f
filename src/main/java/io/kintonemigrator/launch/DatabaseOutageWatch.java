package io.kintonemigrator.launch;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.report.Durations;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Bounds how long a run waits for a job database that went away. Without it a run whose
 * database stopped for good kept waiting: every statement waited for a pool connection
 * (Hikari's {@code connection-timeout}), Spring Batch tried again to record the failure,
 * the lock heartbeat failed every few seconds, and a SIGTERM's clean stop waited for the
 * same database.
 *
 * <p>
 * While a run holds its job's lock, a daemon thread opens a connection from the pool and
 * checks it every second; another checks once a second how long ago the last check
 * succeeded. When the database has been unreachable for
 * {@code kam.database.outage-timeout} (default 3 min), it prints one line and ends the
 * JVM with exit code 1 at once: nothing more can be recorded, and everything the run did
 * is safe to resume (the ledger's intents are committed before each update, so the next
 * run reconciles them, as after a crash). A short blink, e.g. a PostgreSQL restart, does
 * not trip it: the run fails its chunk or goes on, and the next run resumes.
 */
final class DatabaseOutageWatch {

	/** A check that has not got a working connection after this long counts as failed. */
	static final Duration SLOW_CHECK = Duration.ofSeconds(2);

	private final DataSource dataSource;

	private final Duration timeout;

	private final PrintStream err;

	private final IntConsumer halt;

	private volatile long lastReachable;

	private volatile @Nullable String lastError;

	/** When the check in progress started (System.nanoTime()), 0 when none is. */
	private volatile long checking;

	private @Nullable ScheduledExecutorService threads;

	/**
	 * @param halt ends the JVM with an exit code ({@code Runtime.getRuntime()::halt})
	 */
	DatabaseOutageWatch(DataSource dataSource, Duration timeout, PrintStream err, IntConsumer halt) {
		this.dataSource = dataSource;
		this.timeout = timeout;
		this.err = err;
		this.halt = halt;
	}

	/** Starts watching; {@link #stop()} ends it. */
	synchronized void start() {
		stop();
		lastReachable = System.nanoTime();
		lastError = null;
		CustomizableThreadFactory watchThreads = new CustomizableThreadFactory("database-outage-watch-");
		watchThreads.setDaemon(true);
		ScheduledExecutorService started = Executors.newScheduledThreadPool(2, watchThreads);
		started.scheduleWithFixedDelay(this::probe, 1, 1, TimeUnit.SECONDS);
		started.scheduleAtFixedRate(this::checkDeadline, 1, 1, TimeUnit.SECONDS);
		threads = started;
	}

	synchronized void stop() {
		if (threads != null) {
			threads.shutdownNow();
			threads = null;
		}
	}

	/**
	 * Whether the database answers: the last check reached it (true before the first one)
	 * and no check has been waiting for a connection for more than {@link #SLOW_CHECK}.
	 */
	boolean reachable() {
		long since = checking;
		boolean stuck = since != 0 && System.nanoTime() - since > SLOW_CHECK.toNanos();
		if (stuck && lastError == null) {
			lastError = "no connection within " + SLOW_CHECK.toSeconds() + " s";
		}
		return lastError == null;
	}

	/**
	 * One line for a signal that cannot be handled cleanly because the database is
	 * unreachable.
	 */
	String unreachableLine() {
		return "The job database is unreachable (" + lastError + "), so this stop cannot be recorded; ending now. "
				+ "Run the same command again once the database is back: the run resumes from its last checkpoint.";
	}

	private void probe() {
		checking = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.isValid(5)) {
				throw new SQLException("the connection did not answer");
			}
			lastReachable = System.nanoTime();
			lastError = null;
		}
		catch (SQLException | RuntimeException ex) {
			lastError = String.valueOf(ex.getMessage());
		}
		finally {
			checking = 0;
		}
	}

	private void checkDeadline() {
		Duration unreachable = Duration.ofNanos(System.nanoTime() - lastReachable);
		if (unreachable.compareTo(timeout) < 0) {
			return;
		}
		err.println("The job database has been unreachable for " + Durations.format(unreachable.toMillis() / 1000.0)
				+ " (kam.database.outage-timeout " + Durations.format(timeout.toMillis() / 1000.0) + "; last error: "
				+ lastError
				+ "); giving up. Run the same command again once the database is back: the run resumes from its "
				+ "last checkpoint.");
		err.flush();
		System.out.flush();
		halt.accept(ExitCodes.FAILED);
	}

}
