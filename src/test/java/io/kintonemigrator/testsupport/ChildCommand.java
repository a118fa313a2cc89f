package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.AttachmentMigratorApplication;

/**
 * Runs one command line of the migrator in a child JVM on the test class path, as
 * {@code java -jar} would, with standard output and standard error kept apart: for tests
 * of what a user's shell or script receives on each stream.
 */
public final class ChildCommand {

	private ChildCommand() {
	}

	/**
	 * Runs {@code args} and waits (at most two minutes); files for the streams go in
	 * {@code dir}.
	 */
	public static CommandRun run(Path dir, String... args) throws IOException, InterruptedException {
		return run(dir, Map.of(), args);
	}

	/** The same with {@code environment} added to this process's. */
	public static CommandRun run(Path dir, Map<String, String> environment, String... args)
			throws IOException, InterruptedException {
		Files.createDirectories(dir);
		Path out = Files.createTempFile(dir, "stdout", ".txt");
		Path err = Files.createTempFile(dir, "stderr", ".txt");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
						System.getProperty("java.class.path"), AttachmentMigratorApplication.class.getName()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().putAll(environment);
		Process child = builder.start();
		if (!child.waitFor(120, TimeUnit.SECONDS)) {
			child.destroyForcibly().waitFor();
			throw new AssertionError("the child did not finish in 2 minutes: " + Files.readString(err));
		}
		return new CommandRun(child.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

}
