package io.kintonemigrator.launch;

import java.util.LinkedHashMap;

import io.kintonemigrator.cli.DatabaseUrls;
import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobDatabase;
import io.kintonemigrator.cli.JobFiles;
import io.kintonemigrator.remote.RemoteOptions;
import io.kintonemigrator.remote.RemoteRole;
import io.kintonemigrator.remote.RemoteWorker;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code migrate --job FILE}: runs the job, or resumes it after a failure, a stop or a
 * crash.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
		description = { "Runs the migration described by a job file.",
				"Run it again after a failure, a stop or a crash: it resumes from the last checkpoint.",
				"Exit codes: 0 completed, 1 failed (run again), 2 configuration error, 3 stopped (run again)." })
public class MigrateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--job", paramLabel = "FILE",
			description = { "The YAML job file (see config/jobs/example.yml); required but with --role worker.",
					"Repeat it, or name a directory of job files, to move several app pairs in one run." })
	List<Path> jobFiles;

	@Option(names = "--database", paramLabel = "JDBC_URL",
			description = "Database of the job repository and ledger (default: an H2 file in $KAM_HOME, else "
					+ "$XDG_DATA_HOME/kintone-attachment-migrator, else ~/.local/share/kintone-attachment-migrator; "
					+ "credentials via SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD).")
	String database;

	@Mixin
	RunControlOptions runControl = new RunControlOptions();

	@Mixin
	RemoteOptions remote = new RemoteOptions();

	@Option(names = "--since-last-run",
			description = "Incremental run: only source records updated since the last completed run.")
	boolean sinceLastRun;

	@Option(names = "--retry-skipped",
			description = "Migrate again only the source records whose attachments were skipped (e.g. once the "
					+ "missing target records exist); a run of its own, resumed like any other.")
	boolean retrySkipped;

	@Option(names = "--every", paramLabel = "CRON",
			description = "Stay alive and start an incremental run on this cron schedule "
					+ "(6 fields, seconds first, e.g. '0 0 * * * *' hourly; zone: the machine's).")
	String every;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		if (database != null && DatabaseUrls.holdsPassword(database)) {
			err.println(DatabaseUrls.problem());
			err.flush();
			return ExitCodes.USAGE;
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		if (database != null) {
			properties.put("spring.datasource.url", RunControlOptions.h2KeptOpenOnExit(database));
		}
		try {
			properties.putAll(runControl.properties());
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.flush();
			return ExitCodes.USAGE;
		}
		if (retrySkipped && (sinceLastRun || every != null)) {
			err.println("--retry-skipped: it cannot be combined with " + (sinceLastRun ? "--since-last-run" : "--every")
					+ "; run migrate --retry-skipped on its own");
			err.flush();
			return ExitCodes.USAGE;
		}
		String remoteProblem = remote.problem(database);
		if (remoteProblem != null || (jobFiles == null && remote.role() != RemoteRole.WORKER)) {
			err.println(remoteProblem != null ? remoteProblem : "Missing required option: '--job=FILE'");
			err.flush();
			return ExitCodes.USAGE;
		}
		if (remote.role() == RemoteRole.WORKER) {
			return RemoteWorker.serve(database, properties, err);
		}
		properties.putAll(remote.properties());
		PrintWriter runOut = runControl.out(out);
		List<Path> files = JobFiles.expand(jobFiles, err);
		if (files == null) {
			return ExitCodes.USAGE;
		}
		if (remote.role() == RemoteRole.MANAGER || SeveralJobFiles.runAsPairs(files, new JobConfigLoader())) {
			if (every != null || sinceLastRun || retrySkipped) {
				err.println("--every, --since-last-run and --retry-skipped take one job file (and no --role); run"
						+ " several app pairs without them, or one job file at a time.");
				err.flush();
				return ExitCodes.USAGE;
			}
			return SeveralJobFiles.run(new JobConfigLoader(), files, properties, runOut, err);
		}
		Path jobFile = files.get(0);
		if (every != null) {
			return ScheduledRuns.fromCommandLine(every, jobFile, properties, runOut, err);
		}
		ExclusiveRun.Kind kind = retrySkipped ? ExclusiveRun.Kind.RETRY_SKIPPED
				: sinceLastRun ? ExclusiveRun.Kind.SINCE_LAST_RUN : ExclusiveRun.Kind.FULL;
		return run(new JobConfigLoader(), jobFile, properties, kind, runOut, err);
	}

	/** Loads the job file, starts the context and runs the job; shared with the demo. */
	public static int run(JobConfigLoader loader, Path jobFile, Map<String, Object> properties, PrintWriter out,
			PrintWriter err) throws Exception {
		return run(loader, jobFile, properties, false, out, err);
	}

	/**
	 * Loads the job file, starts the context and runs the job, in full or incrementally,
	 * holding the job's lock.
	 */
	public static int run(JobConfigLoader loader, Path jobFile, Map<String, Object> properties, boolean sinceLastRun,
			PrintWriter out, PrintWriter err) throws Exception {
		return run(loader, jobFile, properties,
				sinceLastRun ? ExclusiveRun.Kind.SINCE_LAST_RUN : ExclusiveRun.Kind.FULL, out, err);
	}

	/**
	 * Loads the job file, starts the context and runs the job (in full, incrementally, or
	 * only what was skipped), holding the job's lock.
	 */
	static int run(JobConfigLoader loader, Path jobFile, Map<String, Object> properties, ExclusiveRun.Kind kind,
			PrintWriter out, PrintWriter err) throws Exception {
		JobConfig config = JobFiles.load(loader, jobFile, err);
		if (config == null) {
			return ExitCodes.USAGE;
		}
		String defaultProblem = JobDatabase.defaultProblem(properties);
		if (defaultProblem != null) {
			err.println(defaultProblem);
			err.flush();
			return ExitCodes.USAGE;
		}
		Map<String, Object> all = new LinkedHashMap<>(properties);
		all.put("kam.chunk-size", config.limits().chunkSize());
		return StoppableRun.run(all, loader, out, err,
				context -> context.getBean(ExclusiveRun.class).run(config, jobFile, kind, out, err));
	}

}
