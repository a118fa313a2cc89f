package io.kintonemigrator.launch;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.AttachmentMigratorApplication;

/**
 * Starts {@code migrate} in a child JVM on the test class path, stdout and stderr to
 * files under {@code dir}.
 */
final class ChildMigrate {

	private ChildMigrate() {
	}

	static Process start(Path dir, Path jobFile, List<String> options) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add("-Dkam.work-dir=" + dir.resolve("work"));
		command.add("-Dkam.resilience.initial-backoff=1ms");
		command.add("-Dkam.resilience.max-backoff=5ms");
		command.add(AttachmentMigratorApplication.class.getName());
		command.add("migrate");
		command.add("--job");
		command.add(jobFile.toString());
		// no DB_CLOSE_ON_EXIT here: the command adds it, or H2 would close the database
		// on SIGTERM
		command.add("--database");
		command.add("jdbc:h2:file:" + dir.resolve("db/batch"));
		command.add("--reports-dir");
		command.add(dir.resolve("reports").toString());
		command.addAll(options);
		File out = dir.resolve("child.out").toFile();
		File err = dir.resolve("child.err").toFile();
		return new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
	}

}
