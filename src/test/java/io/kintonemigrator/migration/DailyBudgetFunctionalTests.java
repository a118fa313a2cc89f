package io.kintonemigrator.migration;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.launch.ExitCodes;
import io.kintonemigrator.launch.MigrationLauncher;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.TestClock;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.kintonemigrator.testsupport.MigrationApps.documents;
import static io.kintonemigrator.testsupport.MigrationApps.hashes;
import static io.kintonemigrator.testsupport.MigrationApps.line;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDocuments;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDrawings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code limits.dailyRequestBudget} with a clock the test moves: a run stops (STOPPED, exit 3) at a
 * chunk boundary before either app's budget for the kintone day would be passed, says when it
 * resets, never sends a request beyond it (every request the emulator received is counted in
 * KAM_API_USAGE), and the runs of the following days resume until every file is on its target
 * exactly once.
 */
class DailyBudgetFunctionalTests extends MigrationFunctionalTestBase {

	private static final int RECORDS = 13;

	private static final int BUDGET = 20;

	/** 10:00 JST: the kintone day 2026-11-23 (it started at 09:00 JST). */
	static final TestClock CLOCK = new TestClock(Instant.parse("2026-11-23T01:00:00Z"));

	@TestConfiguration
	static class FakeClock {

		@Bean
		@Primary
		TestClock testClock() {
			return CLOCK;
		}

	}

	@Autowired
	MigrationLauncher launcher;

	@Autowired
	DataSource dataSource;

	@Test
	void stopsBeforeTheBudgetEachDayAndResumesAfterTheResetUntilEveryFileIsThereOnce() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(MigrationApps.seed(RECORDS, Set.of()))
			.start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "budget", "replace", 3);
			java.nio.file.Files.writeString(jobFile, java.nio.file.Files.readString(jobFile)
				.replace("chunkSize: 3 }", "chunkSize: 3, dailyRequestBudget: " + BUDGET + " }"));
			JobConfig config = new JobConfigLoader().load(jobFile);

			// day 1: stops with a message saying when the budget resets
			Run first = migrate(config, jobFile);
			assertThat(first.exitCode()).as(first.output()).isEqualTo(ExitCodes.STOPPED);
			assertThat(first.status()).isEqualTo(BatchStatus.STOPPED);
			assertThat(first.output()).contains("daily request budget")
				.contains("it resets at 2026-11-24 09:00 JST (00:00 UTC)");
			assertThat(MigrationApps.targets(emulator).values().stream().anyMatch(t -> !documents(t).isEmpty()))
				.as("some files moved on day 1").isTrue();

			// the same day again: still stopped, and still within the budget
			Run again = migrate(config, jobFile);
			assertThat(again.exitCode()).as(again.output()).isEqualTo(ExitCodes.STOPPED);

			// the next days resume after each reset
			List<Integer> exitCodes = new ArrayList<>();
			Run last = again;
			for (int day = 1; day <= 10 && last.exitCode() != ExitCodes.COMPLETED; day++) {
				CLOCK.advance(Duration.ofDays(1));
				last = migrate(config, jobFile);
				exitCodes.add(last.exitCode());
			}
			assertThat(last.exitCode()).as(last.output()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(exitCodes).as("it took more days").hasSizeGreaterThan(2);

			Map<String, Long> perAppAndDay = usage(emulator);
			assertThat(perAppAndDay.values()).allSatisfy(requests -> assertThat(requests).isLessThanOrEqualTo(BUDGET));
			assertThat(perAppAndDay.values().stream().mapToLong(Long::longValue).sum())
				.as("every request the emulator received was counted")
				.isEqualTo(emulator.stats().totalRequests());
			assertEveryFileExactlyOnce(emulator);
		}
	}

	@Test
	void aDayWhoseBudgetCannotCoverPreflightStopsBeforeSendingAnything() throws Exception {
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.seed(MigrationApps.seed(3, Set.of()))
			.start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "tiny-budget", "replace", 3);
			java.nio.file.Files.writeString(jobFile, java.nio.file.Files.readString(jobFile)
				.replace("chunkSize: 3 }", "chunkSize: 3, dailyRequestBudget: 5 }"));

			Run run = migrate(new JobConfigLoader().load(jobFile), jobFile);

			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.STOPPED);
			assertThat(run.status()).isEqualTo(BatchStatus.STOPPED);
			assertThat(run.output()).contains("Stopped: the daily request budget of 5 requests for app localhost:"
					+ emulator.baseUrl().getPort() + "/1 is used up (5 left today); it resets at 2026-11-");
			assertThat(emulator.stats().totalRequests()).isZero();
		}
	}

	private Run migrate(JobConfig config, Path jobFile) throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		MigrationLauncher.Outcome outcome = launcher.migrate(config, jobFile, new PrintWriter(out, true),
				new PrintWriter(err, true));
		return new Run(outcome.exitCode(), outcome.execution().getStatus(), out + "\n" + err);
	}

	/** KAM_API_USAGE rows of this emulator's apps: "app day" → requests. */
	private Map<String, Long> usage(KintoneEmulator emulator) {
		Map<String, Long> usage = new java.util.TreeMap<>();
		new JdbcTemplate(dataSource).query("SELECT APP_KEY, KINTONE_DAY, REQUESTS FROM KAM_API_USAGE WHERE APP_KEY LIKE ?",
				(java.sql.ResultSet rs) -> {
					usage.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
				}, "localhost:" + emulator.baseUrl().getPort() + "/%");
		return usage;
	}

	private static void assertEveryFileExactlyOnce(KintoneEmulator emulator) {
		Map<Long, StoredRecord> targets = MigrationApps.targets(emulator);
		for (long i = 1; i <= RECORDS; i++) {
			StoredRecord target = targets.get(i);
			assertThat(documents(target)).as("documents of record %d", i)
				.containsExactlyElementsOf(sourceDocuments(emulator, i));
			if (i < RECORDS) {
				assertThat(hashes(line(target, "A-1").files("drawing"))).as("drawings of record %d", i)
					.containsExactlyElementsOf(sourceDrawings(emulator, i));
			}
		}
	}

	record Run(int exitCode, BatchStatus status, String output) {
	}

}
