package io.kintonemigrator.launch;

import io.kintonemigrator.cli.ExitCodes;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Turns SIGTERM and Ctrl-C (SIGINT) into a clean stop of a running {@code migrate}: a JVM
 * shutdown hook asks the running execution to stop at its next chunk boundary, waits
 * until the command has finished (summary and reports written, context closed, see
 * {@link #finished}) and then ends the JVM with the command's exit code (3 when stopped)
 * through {@link Runtime#halt}, since after a signal the JVM would otherwise exit 143 or
 * 130. Spring's own shutdown hook must be off ({@link MigratorContext} does that), or it
 * would close the context under the running job.
 *
 * <p>
 * When no execution runs at the signal (e.g. while the context starts), the hook does
 * nothing and the JVM exits as usual. One instance per command run; thread-safe.
 */
final class GracefulStop implements AutoCloseable {

	private final Thread hook = new Thread(this::onSignal, "graceful-stop");

	private final CountDownLatch finished = new CountDownLatch(1);

	private final PrintStream console;

	private volatile @Nullable BooleanSupplier stopAction;

	private volatile int exitCode = ExitCodes.STOPPED;

	private GracefulStop(PrintStream console) {
		this.console = console;
	}

	/** Installs the shutdown hook; {@code console} is flushed before the JVM halts. */
	static GracefulStop install(PrintStream console) {
		GracefulStop stop = new GracefulStop(console);
		Runtime.getRuntime().addShutdownHook(stop.hook);
		return stop;
	}

	/**
	 * What a signal does once the job can run: ask it to stop, returning whether anything
	 * was running.
	 */
	void onSignal(BooleanSupplier stopAction) {
		this.stopAction = stopAction;
	}

	/** The command is done with this exit code: a waiting hook halts the JVM with it. */
	void finished(int exitCode) {
		this.exitCode = exitCode;
		finished.countDown();
	}

	/** Removes the hook unless a signal is being handled (then the hook ends the JVM). */
	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down: the hook is running and halts once finished() was
			// called
		}
	}

	private void onSignal() {
		BooleanSupplier action = stopAction;
		if (action == null || !action.getAsBoolean()) {
			return;
		}
		try {
			finished.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		console.flush();
		System.err.flush();
		Runtime.getRuntime().halt(exitCode);
	}

}
