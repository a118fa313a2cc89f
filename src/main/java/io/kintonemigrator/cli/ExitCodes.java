package io.kintonemigrator.cli;

/** The process exit codes every command uses (ARCHITECTURE.md §1). */
public final class ExitCodes {

	/** The command completed. */
	public static final int COMPLETED = 0;

	/** The job failed; running the same command again resumes it. */
	public static final int FAILED = 1;

	/** Usage or configuration error; nothing was written. */
	public static final int USAGE = 2;

	/**
	 * Stopped on purpose (daily API budget reached, SIGTERM); running the same command
	 * again resumes it.
	 */
	public static final int STOPPED = 3;

	private ExitCodes() {
	}

}
