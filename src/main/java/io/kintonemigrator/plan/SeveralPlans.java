package io.kintonemigrator.plan;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.cli.JobFiles;
import io.kintonemigrator.cli.JsonOutput;
import io.kintonemigrator.cli.KintoneClients;
import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneClientFactory;
import io.kintonemigrator.kintone.KintoneException;
import io.kintonemigrator.migration.PreflightException;

import org.jspecify.annotations.Nullable;

/**
 * {@code plan} of several job files: every file and the pairs together are checked first
 * (as {@code migrate} checks them), then each pair is planned as alone and printed, then
 * the totals. With {@code --json}, one document: {@code {"pairs": [...], "total":
 * {...}}}. Every pair's preflight problems are reported, each line starting with the
 * pair's name.
 */
final class SeveralPlans {

	private SeveralPlans() {
	}

	static int run(JobConfigLoader loader, List<Path> files, @Nullable Duration assumedLatency, boolean json,
			Clock clock, PrintWriter out, PrintWriter err) {
		try {
			List<JobConfig> pairs = JobFiles.loadPairs(loader, files, err);
			if (pairs == null) {
				return ExitCodes.USAGE;
			}
			if (assumedLatency != null && assumedLatency.isNegative()) {
				err.println("--latency-ms must be 0 or more");
				return ExitCodes.USAGE;
			}
			List<PlanReport> reports = new ArrayList<>();
			List<String> problems = new ArrayList<>();
			try (KintoneClients clientFactories = KintoneClients.overHttp(clock)) {
				for (JobConfig pair : pairs) {
					KintoneClientFactory clients = clientFactories.forLimits(pair.limits());
					try (KintoneClient source = clients.open(pair.source());
							KintoneClient target = clients.open(pair.target())) {
						MigrationPlan plan = new MigrationPlanner(pair, source, target).plan();
						reports.add(new PlanReport(pair, plan, assumedLatency, clock.instant()));
					}
					catch (PreflightException ex) {
						ex.problems().forEach(line -> problems.add(pair.name() + ": " + line));
					}
				}
			}
			if (!problems.isEmpty()) {
				err.println("The job files do not fit the apps (nothing was written):");
				problems.forEach(line -> err.println("  " + line));
				return ExitCodes.USAGE;
			}
			Map<String, Long> total = total(reports);
			if (json) {
				Map<String, Object> document = new LinkedHashMap<>();
				document.put("pairs", reports.stream().map(PlanReport::document).toList());
				document.put("total", total);
				JsonOutput.print(document, out);
				return ExitCodes.COMPLETED;
			}
			for (PlanReport report : reports) {
				report.print(out);
				out.println();
			}
			out.println("Total over " + total.get("pairs") + " app pairs: " + total.get("recordsRead")
					+ " source records read, " + total.get("attachments") + " attachments, " + total.get("bytes")
					+ " bytes; " + total.get("sourceRequests") + " requests to the source apps, "
					+ total.get("targetRequests") + " to the target apps. Pairs on different domains run in "
					+ "parallel (migrate --job ... --job ...).");
			return ExitCodes.COMPLETED;
		}
		catch (KintoneException ex) {
			err.println("plan: kintone could not be read: " + ex.getMessage());
			return ExitCodes.FAILED;
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	private static Map<String, Long> total(List<PlanReport> reports) {
		Map<String, Long> total = new LinkedHashMap<>();
		total.put("pairs", (long) reports.size());
		total.put("recordsRead", reports.stream().mapToLong(report -> report.plan().recordsRead()).sum());
		total.put("attachments", reports.stream().mapToLong(report -> report.plan().files()).sum());
		total.put("bytes", reports.stream().mapToLong(report -> report.plan().bytes()).sum());
		total.put("sourceRequests", reports.stream().mapToLong(report -> report.plan().sourceRequests()).sum());
		total.put("targetRequests", reports.stream().mapToLong(report -> report.plan().targetRequests()).sum());
		return total;
	}

}
