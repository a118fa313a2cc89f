package io.kintonemigrator.plan;

import java.util.Objects;

import io.kintonemigrator.cli.KintoneClients;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobFiles;
import io.kintonemigrator.cli.JsonOutput;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.KintoneException;
import io.kintonemigrator.migration.PreflightException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plan --job FILE}: the dry run. Checks the job file against both apps, counts
 * what the job would move and estimates requests, duration and kintone days
 * ({@link PlanReport}). Sends only reads, through the same resilient clients and limits
 * as {@code migrate}, and starts no Spring context: no database is opened or created,
 * nothing is written anywhere.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
		description = { "Dry run: checks the job file against both apps, counts records, attachments and bytes,",
				"estimates requests per app, duration and kintone days. Writes nothing anywhere.",
				"Exit codes: 0 planned, 1 kintone could not be read, 2 configuration error." })
public class PlanCommand implements Callable<Integer> {

	@Spec
	@Nullable CommandSpec spec;

	@Option(names = "--job", required = true, paramLabel = "FILE",
			description = "The YAML job file; repeat it, or name a directory of job files, to plan several app pairs.")
	@Nullable List<Path> jobFiles;

	@Option(names = "--latency-ms", paramLabel = "N",
			description = "Estimate with this latency per request instead of the one the plan measures.")
	@Nullable Long latencyMillis;

	@Option(names = "--json", description = "Print the plan as one JSON document on stdout.")
	boolean json;

	@Override
	public Integer call() {
		CommandSpec commandSpec = Objects.requireNonNull(spec, "picocli injects the command spec");
		PrintWriter err = commandSpec.commandLine().getErr();
		List<Path> files = JobFiles.expand(Objects.requireNonNull(jobFiles), err);
		if (files == null) {
			return ExitCodes.USAGE;
		}
		Duration latency = latencyMillis == null ? null : Duration.ofMillis(latencyMillis);
		if (files.size() > 1) {
			return SeveralPlans.run(new JobConfigLoader(), files, latency, json, Clock.systemUTC(),
					commandSpec.commandLine().getOut(), err);
		}
		return run(new JobConfigLoader(), files.get(0), latency, json, Clock.systemUTC(),
				commandSpec.commandLine().getOut(), err);
	}

	static int run(JobConfigLoader loader, Path jobFile, @Nullable Duration assumedLatency, boolean json, Clock clock,
			PrintWriter out, PrintWriter err) {
		try {
			JobConfig config = JobFiles.load(loader, jobFile, err);
			if (config == null) {
				return ExitCodes.USAGE;
			}
			if (assumedLatency != null && assumedLatency.isNegative()) {
				err.println("--latency-ms must be 0 or more");
				return ExitCodes.USAGE;
			}
			try (KintoneClients clientFactories = KintoneClients.overHttp(clock)) {
				KintoneClientFactory clients = clientFactories.forLimits(config.limits());
				try (KintoneClient source = clients.open(config.source());
						KintoneClient target = clients.open(config.target())) {
					MigrationPlan plan = new MigrationPlanner(config, source, target).plan();
					PlanReport report = new PlanReport(config, plan, assumedLatency, clock.instant());
					if (json) {
						JsonOutput.print(report.document(), out);
					}
					else {
						report.print(out);
					}
					return ExitCodes.COMPLETED;
				}
			}
			catch (PreflightException ex) {
				err.println("The job file does not fit the apps (nothing was written):");
				ex.problems().forEach(problem -> err.println("  " + problem));
				return ExitCodes.USAGE;
			}
			catch (IllegalArgumentException ex) {
				err.println(jobFile + ": " + ex.getMessage());
				return ExitCodes.USAGE;
			}
			catch (KintoneException ex) {
				err.println("plan: kintone could not be read: " + ex.getMessage());
				return ExitCodes.FAILED;
			}
		}
		finally {
			out.flush();
			err.flush();
		}
	}

}
