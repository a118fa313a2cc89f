package io.kintonemigrator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigException;
import io.kintonemigrator.config.JobConfigLoader;

import org.jspecify.annotations.Nullable;

/**
 * How every command reads its {@code --job FILE}: problems go to the command's error
 * stream, one per line.
 */
public final class JobFiles {

	private JobFiles() {
	}

	/**
	 * The validated job, or null when the file has problems; they were printed (and
	 * flushed) to {@code err}, and the command then exits {@link ExitCodes#USAGE} without
	 * having written anything.
	 */
	public static @Nullable JobConfig load(JobConfigLoader loader, Path jobFile, PrintWriter err) {
		try {
			return loader.load(jobFile);
		}
		catch (JobConfigException ex) {
			ex.problems().forEach(err::println);
			err.flush();
			return null;
		}
	}

}
