package io.kintonemigrator.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.AttachmentMigratorApplication;

/**
 * Runs the real {@code migrate --job FILE --database URL} command in a child JVM on the
 * test class path, the API tokens in environment variables (as users are told to), output
 * to one log file per run. Backoff is shortened so retries take milliseconds; everything
 * else is the product's default.
 */
final class ChildMigrate implements AutoCloseable {

	private final Path dir;

	private final Path jobFile;

	private final List<String> jvmOptions = new ArrayList<>();

	private final List<Process> started = new ArrayList<>();

	private int runs;

	ChildMigrate(Path dir, Path jobFile) {
		this.dir = dir;
		this.jobFile = jobFile;
		jvmOptions.add("-Dkam.resilience.initial-backoff=5ms");
		jvmOptions.add("-Dkam.resilience.max-backoff=100ms");
	}

	/**
	 * Adds JVM options (e.g. {@code -Dkam.resilience.max-attempts=3}) to every later run.
	 */
	ChildMigrate jvmOption(String option) {
		jvmOptions.add(option);
		return this;
	}

	/**
	 * The H2 file database of the job repository and ledger, as passed to
	 * {@code --database}.
	 */
	String databaseUrl() {
		return "jdbc:h2:file:" + dir.resolve("db/migrator");
	}

	/**
	 * Starts a run, with {@code extraArgs} after the command's own (e.g.
	 * {@code --since-last-run}); its output goes to {@link Run#log()}.
	 */
	Run start(String... extraArgs) throws IOException {
		runs++;
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1"); // faster start-up; the child starts
												// dozens of times
		command.add("-Dkam.work-dir=" + dir.resolve("work"));
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(AttachmentMigratorApplication.class.getName());
		command.add("migrate");
		command.add("--job");
		command.add(jobFile.toString());
		command.add("--database");
		command.add(databaseUrl());
		command.add("--reports-dir");
		command.add(dir.resolve("reports").toString());
		command.addAll(List.of(extraArgs));
		Path log = dir.resolve("run-" + runs + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("CHAOS_SOURCE_TOKEN", ReliabilityDataSet.SOURCE_TOKEN);
		builder.environment().put("CHAOS_TARGET_TOKEN", ReliabilityDataSet.TARGET_TOKEN);
		Process process = builder.start();
		started.add(process);
		return new Run(process, log);
	}

	/** Runs to the end (at most {@code seconds}) and returns the exit code and output. */
	Result run(int seconds, String... extraArgs) throws Exception {
		Run run = start(extraArgs);
		if (!run.process().waitFor(seconds, TimeUnit.SECONDS)) {
			run.kill();
			throw new AssertionError("migrate did not finish within " + seconds + " s:\n" + run.output());
		}
		return new Result(run.process().exitValue(), run.output());
	}

	int runs() {
		return runs;
	}

	/** Kills any run still alive (a failed test must not leave migrators behind). */
	@Override
	public void close() {
		started.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
	}

	record Run(Process process, Path log) {

		/** SIGKILL on Linux: no shutdown hook, no finally block runs. */
		void kill() throws InterruptedException {
			process.destroyForcibly();
			process.waitFor();
		}

		String output() throws IOException {
			return Files.readString(log);
		}

	}

	record Result(int exitCode, String output) {
	}

}
