package io.kintonemigrator.migration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import io.kintonemigrator.testsupport.MigrationApps;
import io.kintonemigrator.testsupport.RecordUpdateRequests;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static io.kintonemigrator.testsupport.MigrationApps.documents;
import static io.kintonemigrator.testsupport.MigrationApps.hashes;
import static io.kintonemigrator.testsupport.MigrationApps.line;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDocuments;
import static io.kintonemigrator.testsupport.MigrationApps.sourceDrawings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job against the emulator over HTTP: each {@code onExisting} mode with
 * field-code mapping and subtables, checked file by file on the target by SHA-256; rows
 * the job does not touch stay; a target missing is skipped and reported; a user's
 * concurrent edit survives.
 */
class AttachmentMigrationJobFunctionalTests extends MigrationFunctionalTestBase {

	private static final int RECORDS = 11;

	@Test
	void replaceLeavesExactlyTheSourcesFilesAndKeepsUntouchedRows() throws Exception {
		try (KintoneEmulator emulator = start(Set.of(5))) {
			JobExecution execution = run(MigrationApps.jobFile(tmp, emulator, "replace-mode", "replace", 4))
				.execution();

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			Map<Long, StoredRecord> targets = MigrationApps.targets(emulator);
			for (long i = 1; i <= RECORDS; i++) {
				if (i == 5) {
					continue;
				}
				StoredRecord target = targets.get(i);
				assertThat(documents(target)).as("record %d", i)
					.containsExactlyElementsOf(sourceDocuments(emulator, i));
				assertThat(hashes(line(target, "A-1").files("drawing"))).as("record %d", i)
					.containsExactlyElementsOf(sourceDrawings(emulator, i));
				assertUntouchedValuesKept(target, i);
			}
			assertMissingTargetReported("replace-mode");
		}
	}

	@Test
	void appendKeepsTheTargetsFilesAndAddsTheSourcesOnce() throws Exception {
		try (KintoneEmulator emulator = start(Set.of(5))) {
			Map<Long, StoredRecord> before = MigrationApps.targets(emulator);

			JobExecution execution = run(MigrationApps.jobFile(tmp, emulator, "append-mode", "append", 4)).execution();

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			Map<Long, StoredRecord> targets = MigrationApps.targets(emulator);
			for (long i = 1; i <= RECORDS; i++) {
				if (i == 5) {
					continue;
				}
				StoredRecord target = targets.get(i);
				List<String> expected = new ArrayList<>(documents(before.get(i)));
				expected.addAll(sourceDocuments(emulator, i));
				assertThat(documents(target)).as("record %d", i).containsExactlyElementsOf(expected);
				List<String> drawings = new ArrayList<>(hashes(line(before.get(i), "A-1").files("drawing")));
				drawings.addAll(sourceDrawings(emulator, i));
				assertThat(hashes(line(target, "A-1").files("drawing"))).as("record %d", i)
					.containsExactlyElementsOf(drawings);
				assertUntouchedValuesKept(target, i);
			}
			assertMissingTargetReported("append-mode");
		}
	}

	@Test
	void skipLeavesFieldsThatHaveFilesAloneAndFillsTheOthers() throws Exception {
		try (KintoneEmulator emulator = start(Set.of())) {
			Map<Long, StoredRecord> before = MigrationApps.targets(emulator);

			JobExecution execution = run(MigrationApps.jobFile(tmp, emulator, "skip-mode", "skip", 4)).execution();

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			Map<Long, StoredRecord> targets = MigrationApps.targets(emulator);
			for (long i = 1; i <= RECORDS; i++) {
				StoredRecord target = targets.get(i);
				boolean hadFiles = i % 3 == 0;
				assertThat(documents(target)).as("record %d", i)
					.containsExactlyElementsOf(hadFiles ? documents(before.get(i)) : sourceDocuments(emulator, i));
				assertThat(hashes(line(target, "A-1").files("drawing"))).as("record %d", i)
					.containsExactlyElementsOf(hadFiles ? hashes(line(before.get(i), "A-1").files("drawing"))
							: sourceDrawings(emulator, i));
				assertUntouchedValuesKept(target, i);
			}
			assertThat(ledger.all("skip-mode")).filteredOn(e -> e.status() == LedgerStatus.SKIPPED)
				.extracting(LedgerEntry::error)
				.isNotEmpty()
				.allSatisfy(error -> assertThat(error).contains("already holds files (onExisting: skip)"));
		}
	}

	@Test
	void aUsersEditDuringTheRunSurvives() throws Exception {
		AtomicBoolean edited = new AtomicBoolean();
		HttpClient http = HttpClient.newHttpClient();
		URI[] base = new URI[1];
		// just before the job's first bulk update reaches the emulator, a user edits
		// record 2 through the API
		Filter userEdit = (request, response, chain) -> {
			HttpServletRequest http1 = (HttpServletRequest) request;
			if (RecordUpdateRequests.isUpdate(http1) && edited.compareAndSet(false, true)) {
				editTitle(http, base[0], "edited by a user");
			}
			chain.doFilter(request, response);
		};
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of())
			.requestFilter(userEdit)
			.start()) {
			base[0] = emulator.baseUrl();

			JobExecution execution = run(MigrationApps.jobFile(tmp, emulator, "concurrent-edit", "replace", 4))
				.execution();

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(edited).isTrue();
			StoredRecord target = MigrationApps.targets(emulator).get(2L);
			assertThat(target.text("title")).isEqualTo("edited by a user");
			assertThat(documents(target)).containsExactlyElementsOf(sourceDocuments(emulator, 2));
		}
	}

	@Test
	void theNextChunksFilesMoveWhileAChunkIsUpdatedAndNoRequestIsSentTwice() throws Exception {
		AtomicInteger downloads = new AtomicInteger();
		int[] firstChunkFiles = new int[1];
		AtomicBoolean overlapped = new AtomicBoolean();
		AtomicBoolean firstUpdate = new AtomicBoolean(true);
		// the first bulk update is held until a download beyond the first chunk's files
		// has arrived
		Filter watch = (request, response, chain) -> {
			HttpServletRequest http = (HttpServletRequest) request;
			if ("GET".equals(http.getMethod()) && http.getRequestURI().endsWith("/file.json")) {
				downloads.incrementAndGet();
			}
			else if (RecordUpdateRequests.isUpdate(http) && firstUpdate.compareAndSet(true, false)) {
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (downloads.get() <= firstChunkFiles[0] && System.nanoTime() < deadline) {
					LockSupport.parkNanos(1_000_000);
				}
				overlapped.set(downloads.get() > firstChunkFiles[0]);
			}
			chain.doFilter(request, response);
		};
		try (KintoneEmulator emulator = MigrationApps.emulator(tmp, RECORDS, Set.of(5)).requestFilter(watch).start()) {
			for (long i = 1; i <= 4; i++) {
				firstChunkFiles[0] += sourceDocuments(emulator, i).size() + sourceDrawings(emulator, i).size();
			}

			JobExecution execution = run(MigrationApps.jobFile(tmp, emulator, "prefetch", "replace", 4)).execution();

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(overlapped).as("a second-chunk download arrived before the first update").isTrue();
			int record5Files = sourceDocuments(emulator, 5).size() + sourceDrawings(emulator, 5).size();
			// every file once, none of record 5 (no target record), one lookup per chunk:
			// also the fourth,
			// whose record 13 has no file, because replace empties the target fields its
			// empty ones pair with
			assertThat(downloads).hasValue(MigrationApps.sourceAttachmentCount(emulator) - record5Files);
			assertThat(emulator.stats().count("POST", "file")).isEqualTo(downloads.get());
			assertThat(emulator.stats().count(2, "GET", "records")).isEqualTo(4);
			for (long i = 1; i <= RECORDS; i++) {
				if (i != 5) {
					assertThat(documents(MigrationApps.targets(emulator).get(i))).as("record %d", i)
						.containsExactlyElementsOf(sourceDocuments(emulator, i));
				}
			}
			assertMissingTargetReported("prefetch");
		}
	}

	private static void editTitle(HttpClient http, URI base, String title) {
		try {
			long id = 2; // legacy_id 2 is the second target record
			HttpRequest request = HttpRequest.newBuilder(base.resolve("/k/v1/record.json"))
				.header("X-Cybozu-API-Token", MigrationApps.TARGET_TOKEN)
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers
					.ofString("{\"app\":2,\"updateKey\":{\"field\":\"legacy_id\",\"value\":\"" + id
							+ "\"},\"record\":{\"title\":{\"value\":\"" + title + "\"}}}"))
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

	private KintoneEmulator start(Set<Integer> missingTargets) throws Exception {
		return MigrationApps.emulator(tmp, RECORDS, missingTargets).start();
	}

	private static void assertUntouchedValuesKept(StoredRecord target, long i) {
		assertThat(target.text("title")).isEqualTo("案件 " + i);
		assertThat(line(target, "X-9").text("memo")).isEqualTo("keep " + i);
		assertThat(line(target, "A-1").text("memo")).isEqualTo("part " + i);
		assertThat(target.rows("lines")).hasSize(2);
	}

	private void assertMissingTargetReported(String job) {
		assertThat(ledger.all(job)).filteredOn(e -> e.ref().sourceRecord() == 5).isNotEmpty().allSatisfy(e -> {
			assertThat(e.status()).isEqualTo(LedgerStatus.SKIPPED);
			assertThat(e.error()).isEqualTo("no target record has legacy_id = 5");
		});
		assertThat(ledger.all(job)).filteredOn(e -> e.ref().sourceRecord() != 5)
			.extracting(LedgerEntry::status)
			.containsOnly(LedgerStatus.ATTACHED);
	}

}
