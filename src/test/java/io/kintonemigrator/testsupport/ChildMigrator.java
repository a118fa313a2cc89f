package io.kintonemigrator.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the migrator's command line in a child JVM on the test class path, with the given
 * system properties (database, test hooks: see {@link HookedMigratorMain}) and arguments,
 * its output (stdout and stderr) in a log file. Tests kill it, wait for it, or run two at
 * once.
 */
public final class ChildMigrator {

	private final List<String> jvmOptions;

	public ChildMigrator(List<String> jvmOptions) {
		this.jvmOptions = List.copyOf(jvmOptions);
	}

	/**
	 * The options every child gets for a database, a work directory and short backoffs.
	 */
	public static List<String> defaults(TestDatabase database, Path workDir) {
		List<String> options = new ArrayList<>(database.systemProperties());
		options.addAll(List.of("-Dkam.work-dir=" + workDir, "-Dkam.resilience.initial-backoff=1ms",
				"-Dkam.resilience.max-backoff=5ms"));
		return options;
	}

	public Process start(Path log, List<String> extraOptions, String... args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.addAll(jvmOptions);
		command.addAll(extraOptions);
		command.add(HookedMigratorMain.class.getName());
		command.addAll(List.of(args));
		File file = log.toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(file).start();
	}

	/** Starts the child and waits for it (at most two minutes). */
	public Result run(Path log, List<String> extraOptions, String... args) throws Exception {
		Process child = start(log, extraOptions, args);
		if (!child.waitFor(120, TimeUnit.SECONDS)) {
			child.destroyForcibly();
			throw new AssertionError("the child did not finish in 2 minutes: " + Files.readString(log));
		}
		return new Result(child.exitValue(), Files.readString(log));
	}

	public record Result(int exitCode, String output) {
	}

}
