package io.kintonemigrator.plan;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.migration.budget.RequestEstimate;
import org.jspecify.annotations.Nullable;

/**
 * Prints a {@link MigrationPlan}: counts, requests per app, duration and the daily
 * budget, with how each was estimated.
 */
final class PlanReport {

	private static final DateTimeFormatter RESET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'JST'");

	private final JobConfig config;

	private final MigrationPlan plan;

	private final @Nullable Duration assumedLatency;

	private final Instant now;

	PlanReport(JobConfig config, MigrationPlan plan, @Nullable Duration assumedLatency, Instant now) {
		this.config = config;
		this.plan = plan;
		this.assumedLatency = assumedLatency;
		this.now = now;
	}

	void print(PrintWriter out) {
		long sourceApp = config.source().app().value();
		long targetApp = config.target().app().value();
		out.println("Plan for job '" + config.name() + "' (a dry run: nothing was written)");
		out.println("Preflight: the job file fits both apps.");
		out.println("Source app " + sourceApp + " on " + domain(config.source().baseUrl()) + ", query: "
				+ (config.query() == null ? "(all records)" : config.query()));
		out.println("  records read               " + n(plan.recordsRead()));
		out.println("  records with attachments   " + n(plan.recordsWithFiles()));
		out.println("  attachments                " + n(plan.files()) + " (" + n(plan.bytes()) + " bytes)");
		MigrationPlan.File largest = plan.largest();
		out.println("  largest file               " + (largest == null ? "-" : largest.name() + ", " + n(largest.size())
				+ " bytes (source record " + largest.sourceRecord() + ", " + largest.field() + ")"));
		out.println("  files over 1 GB            " + n(plan.oversized().size())
				+ (plan.oversized().isEmpty() ? "" : " (kintone refuses them: their records will be skipped)"));
		plan.oversized()
			.stream()
			.limit(10)
			.forEach(file -> out.println("    source record " + file.sourceRecord() + " " + file.field() + " '"
					+ file.name() + "': " + n(file.size()) + " bytes"));
		long pages = RequestEstimate.pages(plan.recordsRead());
		long moved = plan.filesMoved();
		out.println("Requests (a first run without errors; retries and revision conflicts come on top);"
				+ " kintone counts against its daily quota all but file transfers and bulk requests:");
		out.println("  source app " + sourceApp + ": " + n(plan.sourceCounted()) + " counted = "
				+ RequestEstimate.PREFLIGHT_REQUESTS + " preflight + " + RequestEstimate.COUNT_REQUESTS + " count + "
				+ n(pages) + " record page(s); " + n(plan.sourceUncounted()) + " not counted = " + n(moved)
				+ " downloads");
		out.println("  target app " + targetApp + ": " + n(plan.targetCounted()) + " counted = "
				+ RequestEstimate.PREFLIGHT_REQUESTS + " preflight + " + n(plan.chunksWithFiles()) + " lookup(s); "
				+ n(plan.targetUncounted()) + " not counted = " + n(moved) + " uploads + " + n(plan.chunksWithFiles())
				+ " bulk update(s) (chunks of " + config.limits().chunkSize() + " records)");
		printDuration(out);
		printBudget(out, sourceApp, targetApp);
		out.flush();
	}

	/** An app and its domain ({@code host[:port]}). */
	record App(long app, String domain) {
	}

	/** Requests to one app: counted against kintone's daily quota, or not. */
	record Requests(long counted, long notCounted) {
	}

	/** The plan as one JSON-ready tree: the same figures as {@link #print}. */
	/** What was planned. */
	MigrationPlan plan() {
		return plan;
	}

	Map<String, Object> document() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("job", config.name());
		document.put("dryRun", true);
		document.put("preflight", "the job file fits both apps");
		Map<String, Object> source = new LinkedHashMap<>();
		source.put("app", config.source().app().value());
		source.put("domain", domain(config.source().baseUrl()));
		source.put("query", config.query());
		source.put("recordsRead", plan.recordsRead());
		source.put("recordsWithAttachments", plan.recordsWithFiles());
		source.put("attachments", plan.files());
		source.put("bytes", plan.bytes());
		source.put("largest", plan.largest());
		source.put("over1GB", plan.oversized());
		document.put("source", source);
		document.put("target",
				Map.of("app", config.target().app().value(), "domain", domain(config.target().baseUrl())));
		Map<String, Object> requests = new LinkedHashMap<>();
		requests.put("source", new Requests(plan.sourceCounted(), plan.sourceUncounted()));
		requests.put("target", new Requests(plan.targetCounted(), plan.targetUncounted()));
		requests.put("recordPages", RequestEstimate.pages(plan.recordsRead()));
		requests.put("downloads", plan.filesMoved());
		requests.put("uploads", plan.filesMoved());
		requests.put("chunksWithAttachments", plan.chunksWithFiles());
		requests.put("chunkSize", config.limits().chunkSize());
		document.put("requests", requests);
		Map<String, Object> duration = new LinkedHashMap<>();
		duration.put("seconds", estimate().toMillis() / 1000d);
		duration.put("concurrency", config.limits().concurrency());
		duration.put("requestsPerSecond", config.limits().requestsPerSecond());
		duration.put("latencyMillis", latency().toMillis());
		duration.put("latencyFrom", assumedLatency != null ? "--latency-ms" : "median of " + plan.reads() + " reads");
		duration.put("serialRequests", plan.serialRequests());
		duration.put("transferWaves", plan.transferWaves());
		duration.put("busiestDomainRequests", busiest());
		document.put("duration", duration);
		Map<String, Object> budget = new LinkedHashMap<>();
		long daily = config.limits().dailyRequestBudget();
		budget.put("dailyRequestBudget", daily <= 0 ? null : daily);
		budget.put("kintoneDays", daily <= 0 ? null : Math.max(sourceDays(), targetDays()));
		budget.put("nextDailyReset", RequestEstimate.nextDailyReset(now).toOffsetDateTime().toString());
		document.put("budget", budget);
		return document;
	}

	private Duration latency() {
		return assumedLatency != null ? assumedLatency : plan.latency();
	}

	private boolean oneDomain() {
		return domain(config.source().baseUrl()).equals(domain(config.target().baseUrl()));
	}

	/** Requests on the busier domain (both apps' when they share one). */
	private long busiest() {
		return oneDomain() ? plan.sourceRequests() + plan.targetRequests()
				: Math.max(plan.sourceRequests(), plan.targetRequests());
	}

	private Duration estimate() {
		return RequestEstimate.duration(plan.serialRequests(), plan.transferWaves(), busiest(), config.limits(),
				latency());
	}

	private long sourceDays() {
		return RequestEstimate.kintoneDays(plan.sourceCounted(), config.limits().dailyRequestBudget(),
				RequestEstimate.sourceDayOverhead(), RequestEstimate.chunkSourceRequests(config.limits().chunkSize()));
	}

	private long targetDays() {
		return RequestEstimate.kintoneDays(plan.targetCounted(), config.limits().dailyRequestBudget(),
				RequestEstimate.targetDayOverhead(), RequestEstimate.chunkTargetRequests(config.limits().chunkSize()));
	}

	private void printDuration(PrintWriter out) {
		JobConfig.Limits limits = config.limits();
		Duration latency = latency();
		String sourceDomain = domain(config.source().baseUrl());
		boolean oneDomain = oneDomain();
		long busiest = busiest();
		Duration estimate = estimate();
		out.println("Duration at concurrency " + limits.concurrency() + " and " + number(limits.requestsPerSecond())
				+ " requests/s per domain, " + latency.toMillis() + " ms per request ("
				+ (assumedLatency != null ? "--latency-ms" : "median of the plan's " + plan.reads() + " reads") + "): "
				+ human(estimate));
		out.println("  = max((" + n(plan.serialRequests()) + " serial requests + 2 x " + n(plan.transferWaves())
				+ " transfer waves) x latency, " + n(busiest) + " requests on "
				+ (oneDomain ? sourceDomain + " (both apps)" : "the busier domain") + " / requests/s);"
				+ " time to move the bytes comes on top");
	}

	private void printBudget(PrintWriter out, long sourceApp, long targetApp) {
		long budget = config.limits().dailyRequestBudget();
		if (budget <= 0) {
			out.println("Daily request budget: none set (limits.dailyRequestBudget); kintone counts requests per app"
					+ " per day (10,000 on the Standard plan; file transfers and bulk requests not counted) and the day"
					+ " starts at 09:00 JST.");
			return;
		}
		long sourceDays = sourceDays();
		long targetDays = targetDays();
		long days = Math.max(sourceDays, targetDays);
		if (days == 1) {
			out.println("Daily request budget " + n(budget) + " per app: enough for one kintone day (counted requests:"
					+ " source app " + sourceApp + " " + n(plan.sourceCounted()) + ", target app " + targetApp + " "
					+ n(plan.targetCounted()) + ").");
			return;
		}
		out.println("Daily request budget " + n(budget) + " per app: not enough for one day; the migration needs "
				+ days + " kintone days (source app " + sourceApp + ": " + sourceDays + ", target app " + targetApp
				+ ": " + targetDays + "; each day repeats preflight and the record count).");
		out.println("  Each kintone day starts at 09:00 JST (next: " + RESET.format(RequestEstimate.nextDailyReset(now))
				+ "); run migrate again each day: it resumes from its checkpoint.");
	}

	static String domain(URI baseUrl) {
		String host = baseUrl.getHost() == null ? baseUrl.toString() : baseUrl.getHost().toLowerCase(Locale.ROOT);
		return baseUrl.getPort() < 0 ? host : host + ":" + baseUrl.getPort();
	}

	static String human(Duration duration) {
		long seconds = (duration.toMillis() + 999) / 1000;
		if (seconds <= 1) {
			return "about 1 s or less";
		}
		if (seconds < 120) {
			return "about " + seconds + " s";
		}
		long minutes = (seconds + 59) / 60;
		if (minutes < 120) {
			return "about " + minutes + " min";
		}
		return "about " + (minutes / 60) + " h " + (minutes % 60) + " min";
	}

	private static String n(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	private static String number(double value) {
		return value == Math.rint(value) ? n((long) value) : String.valueOf(value);
	}

}
