package io.kintonemigrator.cli;

import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigException;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.migration.PairOrder;

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

	/**
	 * The validated jobs of several app pairs, in the order of {@code files}, or null
	 * when a file has problems or the pairs together do not fit
	 * ({@link PairOrder#problem}: names, dependencies); as {@link #load}, the problems
	 * were printed (and flushed) to {@code err}.
	 */
	public static @Nullable List<JobConfig> loadPairs(JobConfigLoader loader, List<Path> files, PrintWriter err) {
		List<JobConfig> pairs = new ArrayList<>();
		for (Path file : files) {
			JobConfig pair = load(loader, file, err);
			if (pair == null) {
				return null;
			}
			pairs.add(pair);
		}
		String problem = PairOrder.problem(pairs);
		if (problem != null) {
			err.println(problem);
			err.flush();
			return null;
		}
		return pairs;
	}

	/**
	 * The job files the {@code --job} arguments name: files as given, each directory's
	 * {@code *.yml} and {@code *.yaml} files in name order; null when an argument names
	 * nothing usable (said on {@code err}).
	 */
	public static @Nullable List<Path> expand(List<Path> arguments, PrintWriter err) {
		List<Path> files = new ArrayList<>();
		for (Path argument : arguments) {
			if (!Files.isDirectory(argument)) {
				files.add(argument);
				continue;
			}
			try (Stream<Path> entries = Files.list(argument)) {
				List<Path> jobs = entries
					.filter(path -> path.toString().endsWith(".yml") || path.toString().endsWith(".yaml"))
					.filter(Files::isRegularFile)
					.sorted()
					.toList();
				if (jobs.isEmpty()) {
					err.println(argument + ": is a directory; give --job the path of a YAML job file, or of a"
							+ " directory that holds job files (*.yml, *.yaml)");
					err.flush();
					return null;
				}
				files.addAll(jobs);
			}
			catch (IOException ex) {
				err.println("--job " + argument + ": cannot list the directory (" + ex.getMessage() + ").");
				err.flush();
				return null;
			}
		}
		return files;
	}

}
