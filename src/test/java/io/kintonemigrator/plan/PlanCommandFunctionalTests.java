package io.kintonemigrator.plan;

import static io.kintonemigrator.testsupport.CommandRun.cli;

import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Result;
import io.kintonemigrator.testsupport.CommandRun;

import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.sandbox.DemoCommand;
import io.kintonemigrator.sandbox.DemoData;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.EmulatorStats;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.testsupport.MigrationApps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code plan} against the emulator: what it counts, what it estimates (checked against
 * the requests of a real run of the same job), the daily budget, and that it writes
 * nothing anywhere.
 */
public class PlanCommandFunctionalTests {

	private static final int RECORDS = 13;

	@TempDir
	Path tmp;

	@Test
	void countsTheSourceAndEstimatesTheRequestsARealRunThenSends() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = withLimits(MigrationApps.jobFile(tmp, emulator, "plan-counts", "append", 4),
					"{ concurrency: 4, requestsPerSecond: 1000, chunkSize: 4, dailyRequestBudget: 6 }");

			CommandRun plan = cli("plan", "--job", job.toString(), "--latency-ms", "10");

			assertThat(plan.exitCode()).as(plan.all()).isZero();
			List<StoredFile> sourceFiles = emulator.records(1).stream().flatMap(r -> r.allFiles().stream()).toList();
			long bytes = sourceFiles.stream().mapToLong(StoredFile::size).sum();
			StoredFile largest = sourceFiles.stream().max(Comparator.comparingLong(StoredFile::size)).orElseThrow();
			assertThat(plan.out()).contains("records read               13")
				.contains("records with attachments   12")
				.contains("attachments                " + sourceFiles.size() + " (" + String.format("%,d", bytes)
						+ " bytes)")
				.contains("largest file               " + largest.name() + ", " + String.format("%,d", largest.size())
						+ " bytes")
				.contains("files over 1 GB            0")
				// 13 records in chunks of 4: three chunks hold files; 30 files
				.contains(
						"source app 1: 4 counted = 2 preflight + 1 count + 1 record page(s); 30 not counted = 30 downloads")
				.contains("target app 2: 5 counted = 2 preflight + 3 lookup(s); 33 not counted = 30 uploads + 3 bulk"
						+ " update(s) (chunks of 4 records)")
				// (4 preflight + 1 page + 6 serial per chunk = 11 serial + 2 x 9 waves) x
				// 10 ms = 290 ms
				.contains("10 ms per request (--latency-ms): about 1 s or less")
				.contains("= max((11 serial requests + 2 x 9 transfer waves) x latency, 72 requests on localhost:"
						+ emulator.port() + " (both apps) / requests/s)")
				// a day: 2 preflight, then a chunk starts only with 3 left (a lookup,
				// room for 2 conflict re-reads)
				.contains("Daily request budget 6 per app: not enough for one day; the migration needs 2 kintone days"
						+ " (source app 1: 1, target app 2: 2; each day repeats preflight and the record count)")
				.contains("Each kintone day starts at 09:00 JST");

			// the same job, run for real (without the budget, which would stop it), sends
			// exactly the
			// requests the plan estimated
			withLimits(job, "{ concurrency: 4, requestsPerSecond: 1000, chunkSize: 4 }");
			emulator.clearRequestLog();
			CommandRun migrate = cli("migrate", "--job", job.toString(), "--database",
					"jdbc:h2:file:" + tmp.resolve("db/batch"));
			assertThat(migrate.exitCode()).as(migrate.all()).isZero();
			List<RequestLogEntry> log = emulator.requestLog();
			// the emulator names the app of a download (its fileKey belongs to a record),
			// not of an upload
			assertThat(log).filteredOn(e -> "file".equals(e.api()) && e.effectiveMethod().equals("GET"))
				.hasSize(30)
				.allMatch(e -> Long.valueOf(1).equals(e.app()));
			assertThat(counted(log, 1, true)).isEqualTo(number(plan.out(), "source app 1: ([0-9,]+) counted"));
			assertThat(counted(log, 1, false)).isEqualTo(number(plan.out(), "; ([0-9,]+) not counted = 30 downloads"));
			assertThat(counted(log, 2, true)).isEqualTo(number(plan.out(), "target app 2: ([0-9,]+) counted"));
			assertThat(counted(log, 2, false)
					+ log.stream().filter(e -> "file".equals(e.api()) && e.effectiveMethod().equals("POST")).count())
				.isEqualTo(number(plan.out(), "; ([0-9,]+) not counted = 30 uploads"));
		}
	}

	/**
	 * Requests naming the app that kintone counts (or does not count) against the daily
	 * quota.
	 */
	private static long counted(List<RequestLogEntry> log, long app, boolean counted) {
		return log.stream()
			.filter(e -> Long.valueOf(app).equals(e.app()))
			.filter(e -> EmulatorStats.countsDaily(e.api()) == counted)
			.count();
	}

	@Test
	void recordsWithoutATargetAreFoundAsTheJobFindsThemAndTheirFilesAreLeftOutOfTheEstimate() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of(5, 9)).start()) {
			Path job = withLimits(MigrationApps.jobFile(tmp, emulator, "plan-missing", "append", 4),
					"{ concurrency: 4, requestsPerSecond: 1000, chunkSize: 4 }");
			long skipped5 = MigrationApps.sourceDocuments(emulator, 5).size()
					+ MigrationApps.sourceDrawings(emulator, 5).size();
			long skipped9 = MigrationApps.sourceDocuments(emulator, 9).size()
					+ MigrationApps.sourceDrawings(emulator, 9).size();
			long moved = MigrationApps.sourceAttachmentCount(emulator) - skipped5 - skipped9;

			CommandRun plan = cli("plan", "--job", job.toString(), "--latency-ms", "10");

			assertThat(plan.exitCode()).as(plan.all()).isZero();
			assertThat(plan.out())
				.contains("Target app 2 on localhost:" + emulator.port()
						+ ", match: $id -> legacy_id (looked up as the job does)")
				.contains("  records without a target   2 (their " + (skipped5 + skipped9)
						+ " attachment(s) would be skipped)")
				.contains("    source record 5: no target record has legacy_id = 5 (" + skipped5 + " attachment(s))")
				.contains("    source record 9: no target record has legacy_id = 9 (" + skipped9 + " attachment(s))")
				.contains("; " + moved + " not counted = " + moved + " downloads")
				.contains(" not counted = " + moved + " uploads + ");
			assertThat(emulator.requestLog()).allMatch(entry -> entry.effectiveMethod().equals("GET"));

			// the run skips exactly those records and moves the files the plan counted
			emulator.clearRequestLog();
			CommandRun migrate = cli("migrate", "--job", job.toString(), "--database",
					"jdbc:h2:file:" + tmp.resolve("db/batch"), "--reports-dir", tmp.resolve("reports").toString(),
					"--progress-interval", "0");
			assertThat(migrate.exitCode()).as(migrate.all()).isZero();
			assertThat(migrate.out()).contains(", " + (skipped5 + skipped9) + " skipped in 2 source record(s).")
				.contains("skipped: source record 5 attachments '")
				.contains("skipped: source record 9 attachments '");
			List<RequestLogEntry> log = emulator.requestLog();
			assertThat(log).filteredOn(e -> "file".equals(e.api()) && e.effectiveMethod().equals("GET"))
				.hasSize((int) moved);
			assertThat(log).filteredOn(e -> "file".equals(e.api()) && e.effectiveMethod().equals("POST"))
				.hasSize((int) moved);
			assertThat(counted(log, 2, true)).isEqualTo(number(plan.out(), "target app 2: ([0-9,]+) counted"));
		}
	}

	@Test
	void aBudgetLargeEnoughIsSaidToSufficeAndTheLatencyIsMeasuredWhenNotGiven() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = withLimits(MigrationApps.jobFile(tmp, emulator, "plan-budget", "replace", 10),
					"{ concurrency: 2, requestsPerSecond: 5, chunkSize: 10, dailyRequestBudget: 9000 }");

			CommandRun plan = cli("plan", "--job", job.toString());

			assertThat(plan.exitCode()).as(plan.all()).isZero();
			// 13 records in chunks of 10: two chunks with files
			assertThat(plan.out()).contains("source app 1: 4 counted = ")
				.contains(
						"target app 2: 4 counted = 2 preflight + 2 lookup(s); 32 not counted = 30 uploads + 2 bulk update(s)")
				// 3 reads of the source (preflight 2, a page) and 4 of the target
				// (preflight 2, a lookup per chunk with files): all but the first of each
				.containsPattern(
						"ms per request \\(lower quartile of the plan's 5 reads after the first to each app\\)")
				.contains(
						"Daily request budget 9,000 per app: enough for one kintone day (counted requests: source app 1 4,"
								+ " target app 2 4).");
			// 70 requests on one domain at 5 per second take 14 s at least, whatever the
			// measured latency
			Matcher estimate = Pattern.compile("\\): about (\\d+) (s|min)\n").matcher(plan.out());
			assertThat(estimate.find()).as(plan.out()).isTrue();
			long seconds = Long.parseLong(estimate.group(1)) * (estimate.group(2).equals("min") ? 60 : 1);
			assertThat(seconds).isGreaterThanOrEqualTo(14);
		}
	}

	@Test
	void theDemoJobWithABudgetOf40PlansOneDayAndCompletesInOneRun() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(DemoData.seed())
			.start()) {
			String demo;
			try (InputStream in = getClass().getResourceAsStream("/config/jobs/demo.yml")) {
				demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			Path job = Files.writeString(tmp.resolve("demo.yml"),
					demo.replace("${KAM_DEMO_BASE_URL}", emulator.baseUrl().toString())
						.replace("${KAM_DEMO_SOURCE_TOKEN}", DemoData.SOURCE_TOKEN)
						.replace("${KAM_DEMO_TARGET_TOKEN}", DemoData.TARGET_TOKEN)
						.replace("  chunkSize: 100", "  chunkSize: 100\n  dailyRequestBudget: 40"));

			CommandRun plan = cli("plan", "--job", job.toString());

			assertThat(plan.exitCode()).as(plan.all()).isZero();
			assertThat(plan.out()).contains("source app 1: 4 counted = 2 preflight + 1 count + 1 record page(s); ")
				.containsPattern("not counted = [0-9]+ downloads")
				.contains("target app 2: 3 counted = 2 preflight + 1 lookup(s); ")
				.containsPattern("not counted = [0-9]+ uploads \\+ 1 bulk update\\(s\\)")
				.contains(
						"Daily request budget 40 per app: enough for one kintone day (counted requests: source app 1 4,"
								+ " target app 2 3).");

			CommandRun migrate = cli("migrate", "--job", job.toString(), "--database",
					"jdbc:h2:file:" + tmp.resolve("db/batch"), "--reports-dir", tmp.resolve("reports").toString(),
					"--progress-interval", "0");

			assertThat(migrate.exitCode()).as(migrate.all()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(DemoCommand.check(emulator)).isEmpty();
		}
	}

	@Test
	void writesNothingAnywhere() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "plan-nothing-written", "replace", 4);
			Map<Long, Long> revisions = revisions(emulator);
			Path workingDirectory = Files.createDirectories(tmp.resolve("cwd"));

			// a child JVM in an empty working directory: the default H2 file would appear
			// under data/ there
			Result child = ChildJvm.migrator()
				.workingDirectory(workingDirectory)
				.run(tmp.resolve("plan.log"), Duration.ofSeconds(60), "plan", "--job", job.toString());
			String output = child.output();

			assertThat(child.exitCode()).as(output).isZero();
			assertThat(output).contains("records read               13");
			List<RequestLogEntry> log = emulator.requestLog();
			assertThat(log).isNotEmpty()
				.allSatisfy(entry -> assertThat(entry.effectiveMethod()).as(entry.toString()).isEqualTo("GET"));
			assertThat(log).noneMatch(entry -> "file".equals(entry.api()));
			assertThat(revisions(emulator)).isEqualTo(revisions);
			try (Stream<Path> files = Files.walk(workingDirectory)) {
				assertThat(files.filter(path -> !path.equals(workingDirectory)).toList()).as("files the plan created")
					.isEmpty();
			}
		}
	}

	@Test
	void aJobFileThatDoesNotFitTheAppsIsExitCodeTwoWithOneLineEachAndOnlyReads() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "plan-preflight", "replace", 4);
			Files.writeString(job, Files.readString(job).replace("to: documents", "to: title"));

			CommandRun plan = cli("plan", "--job", job.toString());

			assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.USAGE);
			assertThat(plan.err()).isEqualTo("The job file does not fit the apps (nothing was written):\n"
					+ "  files[0].to: 'title' is SINGLE_LINE_TEXT in the target app, not FILE\n");
			assertThat(emulator.requestLog()).allMatch(entry -> entry.effectiveMethod().equals("GET"));
			// preflight's one-record read of the source, no page, no count
			assertThat(emulator.requestLog()).filteredOn(entry -> "records".equals(entry.api())).hasSize(1);
		}
	}

	@Test
	void aQueryKintoneRefusesIsExitCodeTwoWithKintonesMessageBeforeAnyPage() throws Exception {
		try (KintoneEmulator emulator = start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "plan-bad-query", "replace", 4);
			Files.writeString(job, Files.readString(job) + "query: 'no_such_field = \"x\"'\n");

			CommandRun plan = cli("plan", "--job", job.toString());

			assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.USAGE);
			assertThat(plan.err())
				.startsWith(
						"The job file does not fit the apps (nothing was written):\n" + "  query: kintone refused it (")
				.contains("GAIA_IQ11")
				.endsWith("; fix the query in the job file (kintone's query syntax, source field codes)\n")
				.doesNotContain("\tat ");
			assertThat(plan.out()).isEmpty();
			assertThat(emulator.requestLog()).allMatch(entry -> entry.effectiveMethod().equals("GET"));
		}
	}

	@Test
	void aBadJobFileIsExitCodeTwoWithOneLine() throws Exception {
		Path job = Files.writeString(tmp.resolve("bad.yml"), "name: x\nlimits: { concurency: 3 }\n");

		CommandRun plan = cli("plan", "--job", job.toString());

		assertThat(plan.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(plan.err().lines().filter(line -> line.contains("concurency")).toList()).singleElement()
			.asString()
			.startsWith(job + ": limits.concurency: unknown key");
	}

	private KintoneEmulator start() {
		return MigrationApps.emulator(tmp, RECORDS, Set.of()).start();
	}

	static Path withLimits(Path job, String limits) throws Exception {
		String text = Files.readString(job);
		return Files.writeString(job,
				text.replaceAll("(?m)^limits: .*$", Matcher.quoteReplacement("limits: " + limits)));
	}

	private static Map<Long, Long> revisions(KintoneEmulator emulator) {
		return Stream.of(1L, 2L)
			.flatMap(app -> emulator.records(app).stream().map(r -> Map.entry(app * 1_000_000 + r.id(), r.revision())))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static long number(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as(regex + " in " + text).isTrue();
		return Long.parseLong(matcher.group(1).replace(",", ""));
	}

}
