package io.kintonemigrator.launch;

import java.io.PrintWriter;
import java.util.Map;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.MigratorContext;
import io.kintonemigrator.config.JobConfigLoader;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One {@code migrate} run in its own Spring context that SIGTERM and Ctrl-C stop cleanly:
 * the running chunks finish and commit, the summary is written, and the process exits
 * with the run's exit code. When the job database cannot be reached at the signal (the
 * stop could not be recorded), the process ends at once with exit 1 and the next run
 * resumes. Used by the run of one job file and by the run of several.
 */
final class StoppableRun {

	/** What runs inside the started context; returns the exit code. */
	@FunctionalInterface
	interface Body {

		int run(ConfigurableApplicationContext context) throws Exception;

	}

	private StoppableRun() {
	}

	/**
	 * Starts the context on {@code properties} (exit 2 with one line when another process
	 * holds the job database), installs the signal handling, runs {@code body} and closes
	 * the context; flushes both writers.
	 */
	static int run(Map<String, Object> properties, JobConfigLoader loader, PrintWriter out, PrintWriter err, Body body)
			throws Exception {
		int exitCode = ExitCodes.FAILED;
		try (GracefulStop stop = GracefulStop.install(System.out)) {
			ConfigurableApplicationContext started = MigratorContext.startUnlessInUse(properties, loader, err);
			if (started == null) {
				exitCode = ExitCodes.USAGE;
				return exitCode;
			}
			try (ConfigurableApplicationContext context = started) {
				RunningJobStopper stopper = context.getBean(RunningJobStopper.class);
				DatabaseOutageWatch outageWatch = context.getBean(DatabaseOutageWatch.class);
				stop.onSignal(() -> {
					if (!outageWatch.reachable()) { // the stop could not be recorded: end
													// now, resume later
						err.println(outageWatch.unreachableLine());
						err.flush();
						Runtime.getRuntime().halt(ExitCodes.FAILED);
					}
					return stopper.stopAll();
				});
				exitCode = body.run(context);
				return exitCode;
			}
			finally {
				out.flush();
				err.flush();
				stop.finished(exitCode);
			}
		}
	}

}
