package io.kintonemigrator;

import io.kintonemigrator.cli.ExitCodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.testsupport.ChildJvm;
import io.kintonemigrator.testsupport.ChildJvm.Child;
import io.kintonemigrator.testsupport.CommandRun;
import io.kintonemigrator.testsupport.IncrementalApps;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees of a real {@code migrate} process, stream by stream: the result on
 * standard output, log lines in one format on standard error, {@code --quiet},
 * {@code --log-level}, a SIGTERM without warnings, {@code --every} without a report
 * directory for a run that changed nothing, and the top-level {@code --help}.
 */
class OutputStreamsFunctionalTests {

	/** The one log format: ISO time with offset, level, logger, message. */
	static final Pattern LOG_LINE = Pattern.compile(
			"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) (TRACE|DEBUG|INFO |WARN |ERROR) \\S+ : .*");

	@TempDir
	Path tmp;

	@Test
	void migratePrintsItsResultOnStdoutAndLogLinesInOneFormatOnStderr() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 6, Set.of(3)).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "streams", "replace", 2);

			try (ChildJvm migrate = ChildJvm.migrate(tmp, job).separateStderr()) {
				Child child = migrate.start(tmp.resolve("child.out"), "--progress-interval", "1ms");
				assertThat(child.awaitExit(Duration.ofSeconds(120))).isTrue();
				String stdout = child.stdout();
				List<String> stderr = Files.readAllLines(child.errors());

				assertThat(child.exitValue()).as(child.output()).isZero();
				assertThat(stdout).contains("| status             | COMPLETED")
					.contains("Reports: ")
					.endsWith("Job 'streams' completed.\n");
				assertThat(stdout.lines()).as(stdout)
					.noneMatch(line -> LOG_LINE.matcher(line).matches())
					.noneMatch(line -> line.startsWith("progress:"))
					.noneMatch(line -> line.contains("Starting job"));
				assertThat(stderr).as(child.output())
					.anyMatch(line -> LOG_LINE.matcher(line).matches() && line.endsWith(": Starting job 'streams'."))
					.anyMatch(line -> line.startsWith("progress: "))
					.allMatch(line -> LOG_LINE.matcher(line).matches() || line.startsWith("progress: "))
					// the report step's totals are the result's first line, not a log
					// line too
					.noneMatch(line -> line.contains("attachment(s) attached"));
			}
		}
	}

	@Test
	void quietLeavesTheResultAndNothingOnStderr() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 6, Set.of(3)).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "quiet", "replace", 2);

			try (ChildJvm migrate = ChildJvm.migrate(tmp, job).separateStderr()) {
				Child child = migrate.start(tmp.resolve("child.out"), "--quiet", "--progress-interval", "1ms");
				assertThat(child.awaitExit(Duration.ofSeconds(120))).isTrue();

				assertThat(child.exitValue()).as(child.output()).isZero();
				assertThat(child.stdout()).contains("| files skipped      | ").endsWith("Job 'quiet' completed.\n");
				assertThat(Files.readString(child.errors())).isEmpty();
			}
		}
	}

	@Test
	void aStopRequestInterruptingRateLimiterWaitsIsNoWarning() throws Exception {
		// 3 requests per second for 4 workers: at any moment most of them wait for a
		// rate permit, and SIGTERM interrupts those waits
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 13, Set.of()).start()) {
			Path job = MigrationApps.jobFile(tmp, emulator, "sigterm-quiet", "replace", 2);
			Files.writeString(job, Files.readString(job).replace("requestsPerSecond: 1000", "requestsPerSecond: 3"));

			try (ChildJvm migrate = ChildJvm.migrate(tmp, job).separateStderr()) {
				Child child = migrate.start(tmp.resolve("child.out"));
				awaitFirstUpdate(emulator, child);
				child.terminate();
				assertThat(child.awaitExit(Duration.ofSeconds(60))).as("stopped in time").isTrue();
				String output = child.output();

				assertThat(child.exitValue()).as(output).isEqualTo(ExitCodes.STOPPED);
				assertThat(output).contains("Stopping execution").contains("| status             | STOPPED");
				assertThat(output.lines()).as(output)
					.noneMatch(line -> line.contains(" WARN ") || line.contains("ERROR"))
					.noneMatch(line -> line.contains("no rate permit"))
					.noneMatch(line -> line.startsWith("\tat "));
			}
		}
	}

	@Test
	void everyWritesNoReportDirectoryForARunThatChangedNothing() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(IncrementalApps.seed(4, 4))
			.start()) {
			Path job = IncrementalApps.jobFile(tmp, emulator, "every-unchanged", "append");

			try (ChildJvm migrate = ChildJvm.migrate(tmp, job).separateStderr()) {
				Child child = migrate.start(tmp.resolve("child.out"), "--every", "*/2 * * * * *");
				awaitCompletedRuns(child, 3);
				child.terminate();
				assertThat(child.awaitExit(Duration.ofSeconds(60))).isTrue();
				String output = child.output();

				assertThat(executionDirectories(tmp.resolve("reports/every-unchanged"))).as(output).hasSize(1);
				assertThat(child.stdout()).contains("Nothing to migrate since the last run; no reports written.");
				assertThat(Files.readString(child.errors())).contains("Next incremental run at ")
					.contains("Stopped; no further runs are scheduled.");
			}
		}
	}

	@Test
	void theTopLevelHelpSummarisesEveryCommandInWholeSentences() {
		CommandRun help = CommandRun.cli("--help");

		assertThat(help.exitCode()).isZero();
		List<String> summaries = commandSummaries(help.out());
		assertThat(summaries).hasSizeGreaterThanOrEqualTo(8)
			.allSatisfy(summary -> assertThat(summary).endsWith("."))
			.anySatisfy(summary -> assertThat(summary).startsWith("plan ").endsWith("and kintone days."));
		assertThat(help.out()).contains("--quiet").contains("--verbose").contains("--log-level");
	}

	@Test
	void aBadLogLevelOrQuietWithVerboseIsOneLineAndExitTwo() {
		CommandRun level = CommandRun.cli("status", "--log-level", "LOUD");
		CommandRun both = CommandRun.cli("--quiet", "--verbose", "--version");

		assertThat(level.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(level.err().lines()).singleElement()
			.asString()
			.contains("--log-level: 'LOUD' is not a level; use ERROR, WARN, INFO, DEBUG, TRACE or OFF");
		assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(both.err().lines()).singleElement().asString().contains("--quiet and --verbose");
	}

	/** The Commands section, one entry per command with its wrapped lines joined. */
	private static List<String> commandSummaries(String help) {
		List<String> summaries = new ArrayList<>();
		boolean inCommands = false;
		for (String line : help.lines().toList()) {
			if (line.equals("Commands:")) {
				inCommands = true;
			}
			else if (inCommands && line.startsWith("  ") && !line.startsWith("    ")) {
				summaries.add(line.strip().replaceAll("\\s+", " "));
			}
			else if (inCommands && line.startsWith("    ")) {
				int last = summaries.size() - 1;
				summaries.set(last, summaries.get(last) + " " + line.strip());
			}
		}
		return summaries;
	}

	private static List<Path> executionDirectories(Path jobReports) throws IOException {
		try (Stream<Path> dirs = Files.list(jobReports)) {
			return dirs.toList();
		}
	}

	private static void awaitCompletedRuns(Child child, int runs) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
		while (Files.readString(child.errors()).split("Incremental run completed.", -1).length <= runs) {
			assertThat(child.isAlive()).as(child.output()).isTrue();
			assertThat(System.nanoTime()).as("%d runs within 150 s", runs).isLessThan(deadline);
			Thread.sleep(50); // polling a condition, not waiting for time to pass
		}
	}

	private static void awaitFirstUpdate(KintoneEmulator emulator, Child child) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (emulator.stats().count(RecordUpdateRequests.METHOD, RecordUpdateRequests.API) == 0) {
			assertThat(child.isAlive()).as("the child runs").isTrue();
			assertThat(System.nanoTime()).as("a first update within 60 s").isLessThan(deadline);
			Thread.sleep(10); // polling a condition, not waiting for time to pass
		}
	}

}
