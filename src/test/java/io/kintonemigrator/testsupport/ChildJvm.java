package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.AttachmentMigratorApplication;
import org.jspecify.annotations.Nullable;

/**
 * Starts a main class in a child JVM on the test class path: the one way tests cross a
 * process boundary (SIGKILL and SIGTERM, two runs at once, a capped heap, a clean working
 * directory or environment).
 * <p>
 * A launcher is configured once (main class, JVM options such as {@code -Dname=value},
 * environment, working directory, arguments every child gets) and then starts any number
 * of children, each with its own log file that holds its stdout and stderr (or stdout
 * alone, with {@link #separateStderr()}), or with pipes the test reads and writes
 * ({@link #startPiped}). The command line is {@code java -Xmx256m <JVM options> -cp
 * <test class path> <main class> <leading arguments> <arguments>} ({@link #maxHeap} sets
 * another cap); a later JVM option wins over an earlier one of the same name.
 * <p>
 * {@link #with} derives a launcher with more JVM options that shares the children of its
 * parent, and {@link #close} kills (SIGKILL) every child still alive that this launcher
 * or one derived from it started: a failed test leaves no JVM behind. Not thread-safe.
 */
public final class ChildJvm implements AutoCloseable {

	/** How long {@link #run(Path, String...)} waits for a child. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	private final String mainClass;

	private final List<String> jvmOptions;

	private final Map<String, String> environment;

	private final Set<String> removedEnvironment;

	private final List<String> leadingArguments;

	private final List<Child> started;

	private @Nullable Path workingDirectory;

	private @Nullable Path logDirectory;

	private boolean separateStderr;

	private ChildJvm(String mainClass) {
		this.mainClass = mainClass;
		this.jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
		this.environment = new LinkedHashMap<>();
		this.removedEnvironment = new LinkedHashSet<>();
		this.leadingArguments = new ArrayList<>();
		this.started = new ArrayList<>();
	}

	private ChildJvm(ChildJvm parent) {
		this.mainClass = parent.mainClass;
		this.jvmOptions = new ArrayList<>(parent.jvmOptions);
		this.environment = new LinkedHashMap<>(parent.environment);
		this.removedEnvironment = new LinkedHashSet<>(parent.removedEnvironment);
		this.leadingArguments = new ArrayList<>(parent.leadingArguments);
		this.started = parent.started;
		this.workingDirectory = parent.workingDirectory;
		this.logDirectory = parent.logDirectory;
		this.separateStderr = parent.separateStderr;
	}

	/** A launcher of {@code mainClass}'s {@code main}. */
	public static ChildJvm of(Class<?> mainClass) {
		return new ChildJvm(mainClass.getName());
	}

	/**
	 * A launcher of the migrator's command line, as {@link AttachmentMigratorApplication}
	 * runs it, through {@link HookedMigratorMain} so that a test's {@code -Dkam.test.*}
	 * hooks take effect (without them it is the product's command line); the arguments
	 * start with the command ({@code migrate}, {@code plan}...).
	 */
	public static ChildJvm migrator() {
		return of(HookedMigratorMain.class);
	}

	/**
	 * The JVM options every migrator child of a test needs: the job database's system
	 * properties, a work directory and backoffs of milliseconds (so retries do not make a
	 * test wait).
	 */
	public static List<String> migratorOptions(TestDatabase database, Path workDir) {
		List<String> options = new ArrayList<>(database.systemProperties());
		options.addAll(shortBackoffs(workDir));
		return options;
	}

	/**
	 * {@code migrate --job jobFile} with everything under {@code dir}: the work directory
	 * {@code work}, the H2 job database {@link #databaseUrl(Path) db/batch} passed as
	 * {@code --database} (the command adds DB_CLOSE_ON_EXIT=FALSE, so a SIGTERM does not
	 * close the database under the run), the reports in {@code reports}, and backoffs of
	 * milliseconds.
	 */
	public static ChildJvm migrate(Path dir, Path jobFile) {
		return migrator().jvmOptions(shortBackoffs(dir.resolve("work")))
			.arguments("migrate", "--job", jobFile.toString(), "--database", databaseUrl(dir), "--reports-dir",
					dir.resolve("reports").toString());
	}

	/** The job database of {@link #migrate(Path, Path)} under {@code dir}. */
	public static String databaseUrl(Path dir) {
		return "jdbc:h2:file:" + dir.resolve("db/batch");
	}

	/** A work directory and backoffs of 1 to 5 ms, without a database. */
	public static List<String> shortBackoffs(Path workDir) {
		return List.of("-Dkam.work-dir=" + workDir, "-Dkam.resilience.initial-backoff=1ms",
				"-Dkam.resilience.max-backoff=5ms");
	}

	/** The heap cap of every child ({@code -Xmx}), 256m unless set. */
	public ChildJvm maxHeap(String size) {
		this.jvmOptions.set(0, "-Xmx" + size);
		return this;
	}

	/** Adds JVM options (e.g. {@code -Dkam.test.x=y}) for every child. */
	public ChildJvm jvmOptions(String... options) {
		return jvmOptions(List.of(options));
	}

	/** Adds JVM options for every child. */
	public ChildJvm jvmOptions(List<String> options) {
		this.jvmOptions.addAll(options);
		return this;
	}

	/**
	 * A launcher like this one with {@code options} added, sharing this one's children
	 * (and so its {@link #close}); this one is unchanged.
	 */
	public ChildJvm with(String... options) {
		return new ChildJvm(this).jvmOptions(options);
	}

	/** Sets an environment variable of every child. */
	public ChildJvm environment(String name, String value) {
		this.environment.put(name, value);
		this.removedEnvironment.remove(name);
		return this;
	}

	/** Removes environment variables this JVM would pass on to its children. */
	public ChildJvm withoutEnvironment(String... names) {
		for (String name : names) {
			this.environment.remove(name);
			this.removedEnvironment.add(name);
		}
		return this;
	}

	/** The working directory of every child; this JVM's unless set. */
	public ChildJvm workingDirectory(Path directory) {
		this.workingDirectory = directory;
		return this;
	}

	/** Arguments every child gets before those of its start. */
	public ChildJvm arguments(String... arguments) {
		this.leadingArguments.addAll(List.of(arguments));
		return this;
	}

	/**
	 * Where {@link #start(String...)} puts its logs: {@code run-1.log},
	 * {@code run-2.log}... numbered by {@link #starts()}.
	 */
	public ChildJvm logDirectory(Path directory) {
		this.logDirectory = directory;
		return this;
	}

	/**
	 * Sends stderr of every child to its own file, {@code <log>.err}, so the log holds
	 * stdout alone ({@link Child#stdout()}); {@link Child#output()} still reads both.
	 */
	public ChildJvm separateStderr() {
		this.separateStderr = true;
		return this;
	}

	/**
	 * Starts a child, its output in {@link #logDirectory the log directory}'s next
	 * {@code run-N.log}.
	 */
	public Child start(String... arguments) throws IOException {
		if (this.logDirectory == null) {
			throw new IllegalStateException("no log directory: name the log, or set logDirectory(...)");
		}
		return start(this.logDirectory.resolve("run-" + (starts() + 1) + ".log"), arguments);
	}

	/** Starts a child, its output in {@code log} (created or replaced). */
	public Child start(Path log, String... arguments) throws IOException {
		ProcessBuilder builder = processBuilder(arguments);
		@Nullable Path errors = null;
		if (this.separateStderr) {
			errors = log.resolveSibling(log.getFileName() + ".err");
			builder.redirectError(errors.toFile());
		}
		else {
			builder.redirectErrorStream(true);
		}
		builder.redirectOutput(log.toFile());
		return started(new Child(builder.start(), log, errors));
	}

	/**
	 * Starts a child whose stdin and stdout are pipes to the test
	 * ({@link Process#getOutputStream()}, {@link Process#getInputStream()}); stderr is
	 * discarded.
	 */
	public Child startPiped(String... arguments) throws IOException {
		ProcessBuilder builder = processBuilder(arguments).redirectError(ProcessBuilder.Redirect.DISCARD);
		return started(new Child(builder.start(), null, null));
	}

	/**
	 * Starts a child and waits for it, at most {@link #DEFAULT_TIMEOUT}.
	 * @throws AssertionError when it does not exit in time (it is killed), with its
	 * output
	 */
	public Result run(Path log, String... arguments) throws IOException, InterruptedException {
		return run(log, DEFAULT_TIMEOUT, arguments);
	}

	/**
	 * Starts a child and waits for it, at most {@code timeout}.
	 * @throws AssertionError when it does not exit in time (it is killed), with its
	 * output
	 */
	public Result run(Path log, Duration timeout, String... arguments) throws IOException, InterruptedException {
		return awaitResult(start(log, arguments), timeout);
	}

	private static Result awaitResult(Child child, Duration timeout) throws InterruptedException {
		if (!child.awaitExit(timeout)) {
			child.kill();
			throw new AssertionError("the child did not finish within " + timeout + ":\n" + child.output());
		}
		return new Result(child.process().exitValue(), child.output());
	}

	/**
	 * Starts a child, its output in the {@link #logDirectory log directory}'s next
	 * {@code run-N.log}, and waits for it, at most {@code timeout}.
	 * @throws AssertionError when it does not exit in time (it is killed), with its
	 * output
	 */
	public Result run(Duration timeout, String... arguments) throws IOException, InterruptedException {
		return awaitResult(start(arguments), timeout);
	}

	/** How many children this launcher and those derived from it started. */
	public int starts() {
		return this.started.size();
	}

	/** Kills (SIGKILL) every child still alive and waits for it to end. */
	@Override
	public void close() {
		for (Child child : this.started) {
			if (child.process().isAlive()) {
				try {
					child.kill();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private ProcessBuilder processBuilder(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(this.mainClass);
		command.addAll(this.leadingArguments);
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().keySet().removeAll(this.removedEnvironment);
		builder.environment().putAll(this.environment);
		if (this.workingDirectory != null) {
			builder.directory(this.workingDirectory.toFile());
		}
		return builder;
	}

	private Child started(Child child) {
		this.started.add(child);
		return child;
	}

	/**
	 * One child JVM.
	 *
	 * @param process the process
	 * @param log its stdout (and stderr, unless {@link #separateStderr}); null when piped
	 * @param errors its stderr when separate, else null
	 */
	public record Child(Process process, @Nullable Path log, @Nullable Path errors) {

		/** Its process id. */
		public long pid() {
			return this.process.pid();
		}

		/** Whether it still runs. */
		public boolean isAlive() {
			return this.process.isAlive();
		}

		/** Waits at most {@code timeout} for it to exit; true if it did. */
		public boolean awaitExit(Duration timeout) throws InterruptedException {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		/** Its exit code. @throws IllegalThreadStateException while it runs */
		public int exitValue() {
			return this.process.exitValue();
		}

		/**
		 * SIGKILL on Linux: no shutdown hook, no finally block runs; waits for the end.
		 */
		public void kill() throws InterruptedException {
			this.process.destroyForcibly();
			this.process.waitFor();
		}

		/** SIGTERM on Linux: shutdown hooks run; does not wait. */
		public void terminate() {
			this.process.destroy();
		}

		/** What it wrote so far, stdout then stderr when they are separate. */
		public String output() {
			return stdout() + (this.errors != null ? read(this.errors) : "");
		}

		/** What it wrote to stdout so far. */
		public String stdout() {
			if (this.log == null) {
				throw new IllegalStateException("a piped child has no log");
			}
			return read(this.log);
		}

		private static String read(Path file) {
			try {
				return Files.exists(file) ? Files.readString(file) : "";
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/**
	 * A child that ended.
	 *
	 * @param exitCode its exit code
	 * @param output its stdout and stderr
	 */
	public record Result(int exitCode, String output) {
	}

}
