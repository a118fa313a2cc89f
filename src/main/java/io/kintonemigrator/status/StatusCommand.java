package io.kintonemigrator.status;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobDatabase;
import io.kintonemigrator.cli.JobFiles;
import io.kintonemigrator.cli.JsonOutput;
import io.kintonemigrator.cli.MigratorContext;
import io.kintonemigrator.launch.NextRun;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.ledger.MigrationLedger;
import io.kintonemigrator.config.JobConfigLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status [--job FILE] [--database URL]}: the executions in the job repository
 * ({@link StatusReport}). A default H2 file that does not exist yet is reported as such,
 * not created.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = { "Lists executions with status, times, counts and last error,",
				"and what migrate would do next. Reads only.", "Exit codes: 0 listed, 2 configuration error." })
public class StatusCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--job", paramLabel = "FILE",
			description = { "Only this job's executions (default: every job).",
					"Several (or a directory of job files): the run of those app pairs, per pair and in total." })
	@Nullable List<Path> jobFiles;

	@Option(names = "--database", paramLabel = "JDBC_URL",
			description = "Database of the job repository, as given to migrate (default: the H2 file in the per-user data directory, see migrate --help).")
	@Nullable String database;

	@Option(names = "--json",
			description = "Print the status as one JSON document on stdout (jobs, executions, counts, next migrate).")
	boolean json;

	@Override
	public Integer call() {
		CommandSpec commandSpec = Objects.requireNonNull(spec, "picocli injects the command spec");
		PrintWriter out = commandSpec.commandLine().getOut();
		PrintWriter err = commandSpec.commandLine().getErr();
		if (jobFiles == null) {
			return run(new JobConfigLoader(), null, database, json, out, err);
		}
		List<Path> files = JobFiles.expand(jobFiles, err);
		if (files == null) {
			return ExitCodes.USAGE;
		}
		if (files.size() == 1) {
			return run(new JobConfigLoader(), files.get(0), database, json, out, err);
		}
		return runPairs(new JobConfigLoader(), files, database, json, out, err);
	}

	/** The status of the run of several app pairs ({@link PairsStatus}). */
	static int runPairs(JobConfigLoader loader, List<Path> files, @Nullable String database, boolean json,
			PrintWriter out, PrintWriter err) {
		try {
			List<JobConfig> pairs = new ArrayList<>();
			for (Path file : files) {
				JobConfig pair = JobFiles.load(loader.withoutCredentials(), file, err);
				if (pair == null) {
					return ExitCodes.USAGE;
				}
				pairs.add(pair);
			}
			String url = JobDatabase.usableUrl(database, err);
			if (url == null) {
				return ExitCodes.USAGE;
			}
			Path missing = JobDatabase.missingH2File(url);
			if (missing != null) {
				out.println(noDatabase(missing));
				return ExitCodes.COMPLETED;
			}
			ConfigurableApplicationContext started = MigratorContext.startUnlessInUse(
					Map.of(JobDatabase.PROPERTY, url, MigratorContext.LAZY_INITIALIZATION, "true"), loader, err);
			if (started == null) {
				return ExitCodes.USAGE;
			}
			try (ConfigurableApplicationContext context = started) {
				PairsStatus.Run run = new PairsStatus(context.getBean(JobRepository.class),
						context.getBean(MigrationLedger.class))
					.read(pairs, files);
				if (json) {
					JsonOutput.print(run, out);
				}
				else {
					PairsStatus.print(run, out);
				}
				return ExitCodes.COMPLETED;
			}
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	static int run(JobConfigLoader loader, @Nullable Path jobFile, @Nullable String database, boolean json,
			PrintWriter out, PrintWriter err) {
		try {
			JobConfig config = null;
			if (jobFile != null) {
				config = JobFiles.load(loader.withoutCredentials(), jobFile, err);
				if (config == null) {
					return ExitCodes.USAGE;
				}
			}
			String url = JobDatabase.usableUrl(database, err);
			if (url == null) {
				return ExitCodes.USAGE;
			}
			Path missing = JobDatabase.missingH2File(url);
			if (missing != null && json) {
				JsonOutput.print(StatusReport.noDatabase(config), out);
				return ExitCodes.COMPLETED;
			}
			if (missing != null) {
				out.println(noDatabase(missing));
				if (config != null) {
					out.println(
							"Job '" + config.name() + "': next migrate: " + NextRun.after(null).describe(null) + ".");
				}
				return ExitCodes.COMPLETED;
			}
			ConfigurableApplicationContext started = MigratorContext.startUnlessInUse(
					Map.of(JobDatabase.PROPERTY, url, MigratorContext.LAZY_INITIALIZATION, "true"), loader, err);
			if (started == null) {
				return ExitCodes.USAGE;
			}
			try (ConfigurableApplicationContext context = started) {
				JobStatus status = new StatusReport(context.getBean(JobRepository.class)).read(config, jobFile);
				if (json) {
					JsonOutput.print(status, out);
				}
				else {
					StatusReport.print(status, out);
				}
				return ExitCodes.COMPLETED;
			}
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	private static String noDatabase(Path missing) {
		return "No executions: the job database " + missing.toAbsolutePath().normalize()
				+ " does not exist yet (migrate creates it).";
	}

}
