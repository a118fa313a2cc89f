package io.kintonemigrator.launch;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobDatabase;
import io.kintonemigrator.cli.JobFiles;
import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.migration.PairOrder;

/**
 * {@code migrate} with several {@code --job} files, a directory of them, or one job file
 * that asks for {@code partitions}: every file is read and checked, and the pairs
 * together ({@link PairOrder#problem}), before the context starts; then one
 * {@link PairsRun}.
 */
final class SeveralJobFiles {

	private SeveralJobFiles() {
	}

	/** True when these job files run as pairs: several of them, or one with ranges. */
	static boolean runAsPairs(List<Path> files, JobConfigLoader loader) {
		if (files.size() > 1) {
			return true;
		}
		try {
			return loader.load(files.get(0)).partitions() > 1;
		}
		catch (RuntimeException ex) {
			return false; // the one-job path reports what is wrong with it
		}
	}

	/** Checks the job files, starts the context and runs the pairs. */
	static int run(JobConfigLoader loader, List<Path> files, Map<String, Object> properties, PrintWriter out,
			PrintWriter err) throws Exception {
		List<JobConfig> pairs = JobFiles.loadPairs(loader, files, err);
		if (pairs == null) {
			return ExitCodes.USAGE;
		}
		String defaultProblem = JobDatabase.defaultProblem(properties);
		if (defaultProblem != null) {
			err.println(defaultProblem);
			err.flush();
			return ExitCodes.USAGE;
		}
		// each partition runs chunks of its own job file's limits.chunkSize: no
		// kam.chunk-size
		return StoppableRun.run(properties, loader, out, err,
				context -> context.getBean(PairsRun.class).run(pairs, files, out, err));
	}

}
