package io.kintonemigrator.launch;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobDatabase;
import io.kintonemigrator.cli.JobFiles;
import io.kintonemigrator.cli.MigratorContext;
import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.migration.PairOrder;

import org.springframework.context.ConfigurableApplicationContext;

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
		List<JobConfig> pairs = new ArrayList<>();
		for (Path file : files) {
			JobConfig pair = JobFiles.load(loader, file, err);
			if (pair == null) {
				return ExitCodes.USAGE;
			}
			pairs.add(pair);
		}
		String problem = PairOrder.problem(pairs);
		if (problem != null) {
			err.println(problem);
			err.flush();
			return ExitCodes.USAGE;
		}
		Object database = properties.get("spring.datasource.url");
		String defaultProblem = JobDatabase
			.defaultProblem(JobDatabase.url(database == null ? null : database.toString()));
		if (defaultProblem != null) {
			err.println(defaultProblem);
			err.flush();
			return ExitCodes.USAGE;
		}
		Map<String, Object> all = new LinkedHashMap<>(properties);
		all.put("kam.chunk-size", pairs.stream().mapToInt(pair -> pair.limits().chunkSize()).min().orElseThrow());
		int exitCode = ExitCodes.FAILED;
		try (GracefulStop stop = GracefulStop.install(System.out)) {
			ConfigurableApplicationContext started = MigratorContext.startUnlessInUse(all, loader, err);
			if (started == null) {
				exitCode = ExitCodes.USAGE;
				return exitCode;
			}
			try (ConfigurableApplicationContext context = started) {
				RunningJobStopper stopper = context.getBean(RunningJobStopper.class);
				stop.onSignal(stopper::stopAll);
				exitCode = context.getBean(PairsRun.class).run(pairs, files, out, err);
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
