package io.kintonemigrator.status;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobDatabase;
import io.kintonemigrator.cli.JobFiles;
import io.kintonemigrator.cli.JsonOutput;
import io.kintonemigrator.cli.MigratorContext;
import io.kintonemigrator.launch.NextRun;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import io.kintonemigrator.config.JobConfig;
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

	@Option(names = "--job", paramLabel = "FILE", description = "Only this job's executions (default: every job).")
	@Nullable Path jobFile;

	@Option(names = "--database", paramLabel = "JDBC_URL",
			description = "Database of the job repository, as given to migrate (default: the H2 file in the per-user data directory, see migrate --help).")
	@Nullable String database;

	@Option(names = "--json",
			description = "Print the status as one JSON document on stdout (jobs, executions, counts, next migrate).")
	boolean json;

	@Override
	public Integer call() {
		CommandSpec commandSpec = Objects.requireNonNull(spec, "picocli injects the command spec");
		return run(new JobConfigLoader(), jobFile, database, json, commandSpec.commandLine().getOut(),
				commandSpec.commandLine().getErr());
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
			// resolved once (it reads the config files) and handed to the context as
			// checked
			String url = JobDatabase.url(database);
			String defaultProblem = JobDatabase.defaultProblem(url);
			if (defaultProblem != null) {
				err.println(defaultProblem);
				return ExitCodes.USAGE;
			}
			Path missing = JobDatabase.missingH2File(url);
			if (missing != null && json) {
				JsonOutput.print(StatusReport.noDatabase(config), out);
				return ExitCodes.COMPLETED;
			}
			if (missing != null) {
				out.println("No executions: the job database " + missing.toAbsolutePath().normalize()
						+ " does not exist yet (migrate creates it).");
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

}
