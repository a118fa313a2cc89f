package io.kintonemigrator.migration;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.testsupport.MigrationApps;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import static io.kintonemigrator.testsupport.MigrationApps.documents;
import static io.kintonemigrator.testsupport.MigrationApps.hashes;
import static io.kintonemigrator.testsupport.MigrationApps.line;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDocuments;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDrawings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restart story: from record 7 on the emulator keeps failing file downloads (503,
 * retried until the resilience layer gives up), so run 1 fails after committing chunk 1
 * (records 1-4); run 2, with the emulator healthy, resumes after record 4 and completes.
 * No attachment is missing or duplicated, and run 2 downloads nothing of the records
 * before the checkpoint.
 */
class RestartFunctionalTests extends MigrationFunctionalTestBase {

	private static final int RECORDS = 11;

	private final Set<String> failingKeys = ConcurrentHashMap.newKeySet();

	private final Map<String, Integer> downloads = new ConcurrentHashMap<>();

	@Test
	void aFailedRunResumesAfterItsCheckpointAndEndsWithEveryFileOnce() throws Exception {
		Filter faults = (request, response, chain) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			String key = http.getParameter("fileKey");
			if ("GET".equals(http.getMethod()) && http.getRequestURI().endsWith("/file.json") && key != null) {
				downloads.merge(key, 1, Integer::sum);
				if (failingKeys.contains(key)) {
					HttpServletResponse out = (HttpServletResponse) response;
					out.setStatus(503);
					out.setContentType("text/plain");
					out.getWriter().write("Service Unavailable");
					return;
				}
			}
			chain.doFilter(request, response);
		};
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of()).requestFilter(faults).start()) {
			Set<String> keysBeforeCheckpoint = new HashSet<>();
			for (StoredRecord record : emulator.records(1)) {
				for (StoredFile file : record.allFiles()) {
					// one record of chunk 2: few enough failures that the circuit breaker
					// stays closed while
					// chunk 1 finishes (chunk 2's files move early, during chunk 1's
					// update)
					if (record.id() == 7) {
						failingKeys.add(file.fileKey());
					}
					else if (record.id() <= 4) { // chunk 1, committed by run 1
						keysBeforeCheckpoint.add(file.fileKey());
					}
				}
			}
			Path jobFile = MigrationApps.jobFile(tmp, emulator, "restart-story", "append", 4);

			// run 1: fails in chunk 2
			JobExecution first = run(jobFile).execution();
			assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(lastId(first)).isEqualTo(4);
			assertThat(ledger.all("restart-story")).filteredOn(e -> e.status() == LedgerStatus.ATTACHED)
				.extracting(e -> e.ref().sourceRecord())
				.containsOnly(1L, 2L, 3L, 4L);

			// run 2: healthy again
			failingKeys.clear();
			Map<String, Integer> downloadsOfRunOne = Map.copyOf(downloads);
			JobExecution second = run(jobFile).execution();

			assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(second.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());
			for (String key : keysBeforeCheckpoint) {
				assertThat(downloads.get(key)).as("downloads of %s", key).isEqualTo(downloadsOfRunOne.get(key));
			}
			Map<Long, StoredRecord> targets = MigrationApps.targets(emulator);
			for (long i = 1; i < RECORDS; i++) {
				StoredRecord target = targets.get(i);
				assertThat(documents(target)).as("record %d", i).containsAll(sourceDocuments(emulator, i));
				assertThat(documents(target)).as("record %d", i)
					.hasSize(sourceDocuments(emulator, i).size() + (i % 3 == 0 ? 1 : 0));
				assertThat(hashes(line(target, "A-1").files("drawing"))).as("record %d", i)
					.containsAll(sourceDrawings(emulator, i))
					.hasSize(1 + (i % 3 == 0 ? 1 : 0));
			}
			assertThat(ledger.all("restart-story")).extracting(LedgerEntry::status).containsOnly(LedgerStatus.ATTACHED);
		}
	}

	private static long lastId(JobExecution execution) {
		StepExecution migrate = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals("migrate"))
			.findFirst()
			.orElseThrow();
		return migrate.getExecutionContext().getLong("sourceRecordReader.last.id");
	}

}
