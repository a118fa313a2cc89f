package io.kintonemigrator.migration;

import java.nio.file.Path;
import java.util.Set;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.observe.EmulatorStats;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.testsupport.MigrationApps;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counters the {@code migrate} step persists, checked against what the emulator saw:
 * every request (retried attempts included) counted for its app, every file and byte
 * moved, every retry of injected 429s.
 */
@TestPropertySource(properties = "kam.resilience.max-attempts=10")
class RunCountersFunctionalTests extends MigrationFunctionalTestBase {

	private static final int RECORDS = 9;

	@Test
	void theStepPersistsItsFilesBytesRequestsAndRetries() throws Exception {
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of(4))
			.faults(FaultSettings.builder().tooManyRequests(0.15).seed(20261123).build())
			.start()) {
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "counters", "replace", 3);

			JobExecution execution = run(jobFile).execution();

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			ExecutionContext counters = migrateCounters(execution);
			EmulatorStats stats = emulator.stats();
			long skipped = emulator.record(1, 4).orElseThrow().allFiles().size();
			long moved = MigrationApps.sourceAttachmentCount(emulator) - skipped;
			long bytes = emulator.records(1)
				.stream()
				.filter(record -> record.id() != 4)
				.flatMap(record -> record.allFiles().stream())
				.mapToLong(StoredFile::size)
				.sum();
			assertThat(counters.getLong(ExecutionKeys.FILES_MOVED)).isEqualTo(moved);
			assertThat(counters.getLong(ExecutionKeys.BYTES_MOVED)).isEqualTo(bytes);
			assertThat(counters.getLong(ExecutionKeys.FILES_SKIPPED)).isEqualTo(skipped);
			assertThat(counters.getLong(ExecutionKeys.RECORDS_SKIPPED)).isEqualTo(1);
			// records 1..9 but 4 (no target) and 9 (no files)
			assertThat(counters.getLong(ExecutionKeys.RECORDS_UPDATED)).isEqualTo(RECORDS - 2);
			assertThat(counters.getLong(ExecutionKeys.RECORDS_TO_READ)).isEqualTo(RECORDS);
			// every request the emulator received, told apart by the app's API token
			// (file requests name no app),
			// and of those the ones kintone counts against the daily quota
			assertThat(counters.getLong(ExecutionKeys.SOURCE_REQUESTS))
				.isEqualTo(MigrationApps.countedRequestsWithToken(emulator, MigrationApps.SOURCE_TOKEN));
			assertThat(counters.getLong(ExecutionKeys.TARGET_REQUESTS))
				.isEqualTo(MigrationApps.countedRequestsWithToken(emulator, MigrationApps.TARGET_TOKEN));
			assertThat(counters.getLong(ExecutionKeys.SOURCE_REQUESTS)
					+ counters.getLong(ExecutionKeys.SOURCE_UNCOUNTED_REQUESTS))
				.isEqualTo(MigrationApps.requestsWithToken(emulator, MigrationApps.SOURCE_TOKEN));
			assertThat(counters.getLong(ExecutionKeys.TARGET_REQUESTS)
					+ counters.getLong(ExecutionKeys.TARGET_UNCOUNTED_REQUESTS))
				.isEqualTo(MigrationApps.requestsWithToken(emulator, MigrationApps.TARGET_TOKEN));
			assertThat(counters.getLong(ExecutionKeys.SOURCE_UNCOUNTED_REQUESTS)
					+ counters.getLong(ExecutionKeys.TARGET_UNCOUNTED_REQUESTS))
				.as("downloads, uploads and bulk updates")
				.isEqualTo(
						stats.count("GET", "file") + stats.count("POST", "file") + stats.count("POST", "bulkRequest"));
			assertThat(counters.getLong(ExecutionKeys.SOURCE_REQUESTS) + counters.getLong(ExecutionKeys.TARGET_REQUESTS)
					+ counters.getLong(ExecutionKeys.SOURCE_UNCOUNTED_REQUESTS)
					+ counters.getLong(ExecutionKeys.TARGET_UNCOUNTED_REQUESTS))
				.isEqualTo(stats.totalRequests());
			assertThat(stats.injectedFaults("too-many-requests")).isPositive();
			assertThat(counters.getLong(ExecutionKeys.RETRIES)).isEqualTo(stats.injectedFaults("too-many-requests"));
		}
	}

	/**
	 * Not a {@code StepExecution}: {@code @SpringBatchTest} would take such a method for
	 * a factory.
	 */
	static ExecutionContext migrateCounters(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("migrate"))
			.findFirst()
			.orElseThrow()
			.getExecutionContext();
	}

}
