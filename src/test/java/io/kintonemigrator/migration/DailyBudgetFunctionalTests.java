package io.kintonemigrator.migration;

import io.kintonemigrator.migration.budget.RequestEstimate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.kintonemigrator.config.JobConfig;
import io.kintonemigrator.config.JobConfigLoader;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.cli.ExitCodes;
import io.kintonemigrator.launch.MigrationLauncher;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;
import io.kintonemigrator.testsupport.TestClock;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static io.kintonemigrator.testsupport.MigrationApps.line;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code limits.dailyRequestBudget} with a clock the test moves. Only requests kintone
 * counts go to the budget (file transfers and the bulk requests that carry the updates do
 * not). A run stops (STOPPED, exit 3) at a chunk boundary before either app's budget for
 * the kintone day would be passed, says when it resets, never sends a counted request
 * beyond it, and every day's run moves at least one chunk until every file is on its
 * target exactly once. A budget too small for one chunk a day is a configuration error
 * (exit 2) found before any request. The budget's count is the emulator's
 * {@code dailyByApp}, through retries and revision conflicts.
 */
@TestPropertySource(properties = "kam.resilience.max-attempts=10")
class DailyBudgetFunctionalTests extends MigrationFunctionalTestBase {

	private static final int RECORDS = 13;

	/**
	 * The least that moves a chunk a day ({@link RequestEstimate#minimumDailyBudget}):
	 * one chunk per day.
	 */
	private static final int BUDGET = 5;

	/** 10:00 JST: the kintone day 2026-11-23 (it started at 09:00 JST). */
	static final TestClock CLOCK = new TestClock(Instant.parse("2026-11-23T01:00:00Z"));

	@TestConfiguration
	static class ClockConfiguration {

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
	void stopsBeforeTheBudgetEachDayMovesFilesEveryDayAndEndsWithEveryFileThereOnce() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of()).start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "budget", "replace", 3);
			Files.writeString(jobFile, Files.readString(jobFile)
				.replace("chunkSize: 3 }", "chunkSize: 3, dailyRequestBudget: " + BUDGET + " }"));
			JobConfig config = new JobConfigLoader().load(jobFile);
			assertThat(RequestEstimate.minimumDailyBudget(3)).isEqualTo(BUDGET);

			// day 1: stops with a message saying when the budget resets
			Run first = migrate(config, jobFile);
			assertThat(first.exitCode()).as(first.output()).isEqualTo(ExitCodes.STOPPED);
			assertThat(first.status()).isEqualTo(BatchStatus.STOPPED);
			assertThat(first.output()).contains("daily request budget")
				.contains("it resets at 2026-11-24 09:00 JST (00:00 UTC)");
			assertThat(first.recordsRead()).as("records read on day 1").isPositive();

			// the same day again: stopped at once, before sending anything
			long requestsBefore = emulator.stats().totalRequests();
			Run again = migrate(config, jobFile);
			assertThat(again.exitCode()).as(again.output()).isEqualTo(ExitCodes.STOPPED);
			assertThat(emulator.stats().totalRequests()).isEqualTo(requestsBefore);

			// every following day reads and commits records, until the job completes
			List<Long> recordsPerDay = new ArrayList<>(List.of(first.recordsRead()));
			Run last = again;
			for (int day = 1; day <= 10 && last.exitCode() != ExitCodes.COMPLETED; day++) {
				CLOCK.advance(Duration.ofDays(1));
				last = migrate(config, jobFile);
				assertThat(last.exitCode()).as(last.output()).isIn(ExitCodes.STOPPED, ExitCodes.COMPLETED);
				recordsPerDay.add(last.recordsRead());
			}
			assertThat(last.exitCode()).as(last.output()).isEqualTo(ExitCodes.COMPLETED);
			// every day that stopped for the budget moved on (the completing run may only
			// find nothing left)
			assertThat(recordsPerDay.subList(0, recordsPerDay.size() - 1)).as("records read each day")
				.hasSizeGreaterThan(2)
				.allMatch(records -> records > 0);
			assertThat(recordsPerDay.stream().mapToLong(Long::longValue).sum()).isEqualTo(RECORDS);

			Map<String, Long> perAppAndDay = usage(emulator);
			assertThat(perAppAndDay.values()).allSatisfy(requests -> assertThat(requests).isLessThanOrEqualTo(BUDGET));
			assertThat(perAppAndDay.values().stream().mapToLong(Long::longValue).sum())
				.as("every request kintone counts was counted, and no other")
				.isEqualTo(MigrationApps.countedRequests(emulator, 1) + MigrationApps.countedRequests(emulator, 2));
			MigrationApps.assertReplacedExactlyOnce(emulator, RECORDS);
		}
	}

	@Test
	void aBudgetThatCannotMoveOneChunkADayIsAConfigurationErrorBeforeAnyRequest() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, 3, Set.of()).start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "tiny-budget", "replace", 3);
			Files.writeString(jobFile,
					Files.readString(jobFile).replace("chunkSize: 3 }", "chunkSize: 3, dailyRequestBudget: 4 }"));

			Run run = migrate(new JobConfigLoader().load(jobFile), jobFile);

			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.USAGE);
			assertThat(run.output().lines().filter(line -> line.contains("limits.dailyRequestBudget")).toList())
				.singleElement()
				.asString()
				.startsWith(
						"  limits.dailyRequestBudget: 4 counted requests per app and day cannot move even one chunk")
				.endsWith("set limits.dailyRequestBudget to at least 5, or 0 for no budget");
			assertThat(emulator.stats().totalRequests()).isZero();
		}
	}

	@Test
	void theBudgetCountsExactlyWhatTheEmulatorCountsThroughRetriesAndConflicts() throws Exception {
		AtomicBoolean edited = new AtomicBoolean();
		HttpClient http = HttpClient.newHttpClient();
		URI[] base = new URI[1];
		// just before the job's first bulk update arrives, a user edits its first record:
		// the update meets a 409
		Filter userEdit = (request, response, chain) -> {
			if (RecordUpdateRequests.isUpdate((HttpServletRequest) request) && edited.compareAndSet(false, true)) {
				editTitle(http, base[0]);
			}
			chain.doFilter(request, response);
		};
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.faults(FaultSettings.builder()
				.tooManyRequests(0.1)
				.databaseLocked(0.1)
				.apis("records", "file", "bulkRequest")
				.seed(20261206)
				.build())
			.requestFilter(userEdit)
			.start()) {
			base[0] = emulator.baseUrl();
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "budget-count", "replace", 4);
			Files.writeString(jobFile,
					Files.readString(jobFile).replace("chunkSize: 4 }", "chunkSize: 4, dailyRequestBudget: 1000 }"));

			Run run = migrate(new JobConfigLoader().load(jobFile), jobFile);

			assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.COMPLETED);
			assertThat(edited).isTrue();
			assertThat(emulator.requestLog()).as("the update the user's edit made stale")
				.anySatisfy(entry -> assertThat(entry).extracting(e -> e.api(), e -> e.status(), e -> e.kintoneCode())
					.containsExactly("bulkRequest", 409, "GAIA_CO02"));
			assertThat(emulator.stats().injectedFaults("too-many-requests")
					+ emulator.stats().injectedFaults("database-locked"))
				.as("retried faults")
				.isPositive();
			String domain = "localhost:" + emulator.baseUrl().getPort();
			assertThat(usageOf(domain + "/1")).as("source app").isEqualTo(MigrationApps.countedRequests(emulator, 1));
			assertThat(usageOf(domain + "/2")).as("target app, without the user's edit")
				.isEqualTo(MigrationApps.countedRequests(emulator, 2) - 1);
			MigrationApps.assertReplacedExactlyOnce(emulator, RECORDS);
		}
	}

	private static void editTitle(HttpClient http, URI base) {
		try {
			HttpRequest request = HttpRequest.newBuilder(base.resolve("/k/v1/record.json"))
				.header("X-Cybozu-API-Token", MigrationApps.TARGET_TOKEN)
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers
					.ofString("{\"app\":2,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"1\"},"
							+ "\"record\":{\"title\":{\"value\":\"edited by a user\"}}}"))
				.build();
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("user edit failed: " + response.body());
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** KAM_API_USAGE of one app, all kintone days together. */
	private long usageOf(String appKey) {
		Long sum = new JdbcTemplate(dataSource).queryForObject(
				"SELECT COALESCE(SUM(REQUESTS), 0) FROM KAM_API_USAGE WHERE APP_KEY = ?", Long.class, appKey);
		return sum == null ? 0 : sum;
	}

	private Run migrate(JobConfig config, Path jobFile) throws Exception {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		MigrationLauncher.Outcome outcome = launcher.migrate(config, jobFile, new PrintWriter(out, true),
				new PrintWriter(err, true));
		long recordsRead = outcome.execution()
			.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("migrate"))
			.mapToLong(step -> step.getReadCount())
			.sum();
		return new Run(outcome.exitCode(), outcome.execution().getStatus(), recordsRead, out + "\n" + err);
	}

	/** KAM_API_USAGE rows of this emulator's apps: "app day" → requests. */
	private Map<String, Long> usage(KintoneEmulator emulator) {
		Map<String, Long> usage = new TreeMap<>();
		new JdbcTemplate(dataSource)
			.query("SELECT APP_KEY, KINTONE_DAY, REQUESTS FROM KAM_API_USAGE WHERE APP_KEY LIKE ?", (ResultSet rs) -> {
				usage.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
			}, "localhost:" + emulator.baseUrl().getPort() + "/%");
		return usage;
	}

	record Run(int exitCode, BatchStatus status, long recordsRead, String output) {
	}

}
