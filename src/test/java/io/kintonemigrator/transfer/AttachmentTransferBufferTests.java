package io.kintonemigrator.transfer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.RecordUpdate.RecordSelector;
import io.kintonemigrator.kintone.okhttp.EmulatorApps;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.kintonemigrator.resilience.ResilienceSettings;
import io.kintonemigrator.resilience.ResilientKintoneClientFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Where a file waits between its download and its upload (memory under the shared budget,
 * or a temp file), through real HTTP against the emulator: every byte arrives either way,
 * the budget is never passed, and a retried upload sends the whole file again.
 */
class AttachmentTransferBufferTests {

	private static final long SOURCE = 1;

	private static final long TARGET = 2;

	private static final String SOURCE_TOKEN = "buffer-source-token";

	private static final String TARGET_TOKEN = "buffer-target-token";

	private static final int SMALL = 100_000;

	@TempDir
	Path tmp;

	private final OkHttpKintoneClientFactory okhttp = new OkHttpKintoneClientFactory();

	private final ExecutorService pool = Executors.newFixedThreadPool(8);

	private KintoneEmulator emulator;

	@AfterEach
	void stop() {
		pool.shutdownNow();
		okhttp.close();
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void smallFilesWaitInMemoryAndALargeOneOnDisk() throws Exception {
		start(4, FaultSettings.none(), AttachmentTransfer.MAX_IN_MEMORY + 1);
		MemoryBudget budget = new MemoryBudget(16L * 1024 * 1024);

		try (AttachmentTransfer transfer = AttachmentTransfer.open(client(SOURCE, SOURCE_TOKEN),
				client(TARGET, TARGET_TOKEN), tmp, Clock.systemUTC(), budget)) {
			List<FileKey> uploaded = transferAll(transfer, sourceFiles());

			attach(uploaded);
			assertThat(transfer.spooledToDisk()).isEqualTo(1);
		}
		assertTargetHoldsEverySourceFile();
		assertThat(budget.reserved()).isZero();
		assertThat(budget.peak()).isBetween((long) SMALL, 4L * SMALL);
	}

	@Test
	void eightTransfersAtOnceStayWithinTheBudgetAndTheRestGoesThroughDisk() throws Exception {
		// every request held 100 ms, so the eight transfers overlap
		start(16, FaultSettings.builder().latency(Duration.ofMillis(100)).build(), SMALL);
		MemoryBudget budget = new MemoryBudget(3L * SMALL);

		try (AttachmentTransfer transfer = AttachmentTransfer.open(client(SOURCE, SOURCE_TOKEN),
				client(TARGET, TARGET_TOKEN), tmp, Clock.systemUTC(), budget)) {
			List<FileKey> uploaded = transferAll(transfer, sourceFiles());

			attach(uploaded);
			assertThat(transfer.spooledToDisk()).isPositive().isEqualTo(budget.refused());
		}
		assertTargetHoldsEverySourceFile();
		assertThat(budget.peak()).isGreaterThanOrEqualTo(2L * SMALL).isLessThanOrEqualTo(3L * SMALL);
		assertThat(budget.reserved()).isZero();
	}

	@Test
	void aRetriedUploadFromMemorySendsTheWholeFileAgain() throws Exception {
		retriedUploadsArriveWhole(new MemoryBudget(64L * 1024 * 1024), 0);
	}

	@Test
	void aRetriedUploadFromATempFileSendsTheWholeFileAgain() throws Exception {
		retriedUploadsArriveWhole(new MemoryBudget(0), 12);
	}

	private void retriedUploadsArriveWhole(MemoryBudget budget, long expectedOnDisk) throws Exception {
		start(12, FaultSettings.none(), SMALL);
		List<FileInfo> files = sourceFiles();
		// half the file requests are answered 503 or cut off in mid-answer
		emulator.faults(
				FaultSettings.builder().serviceUnavailable(0.25).connectionReset(0.25).apis("file").seed(16).build());

		try (AttachmentTransfer transfer = AttachmentTransfer.open(resilient(SOURCE, SOURCE_TOKEN),
				resilient(TARGET, TARGET_TOKEN), tmp, Clock.systemUTC(), budget)) {
			List<FileKey> uploaded = new ArrayList<>();
			for (FileInfo file : files) {
				uploaded.add(transfer.transfer(file).uploadKey());
			}
			emulator.faults(FaultSettings.none());
			attach(uploaded);
			assertThat(transfer.spooledToDisk()).isEqualTo(expectedOnDisk);
		}
		assertTargetHoldsEverySourceFile();
		List<RequestLogEntry> faultedUploads = emulator.requestLog()
			.stream()
			.filter(entry -> "POST".equals(entry.method()) && entry.injectedFault() != null)
			.toList();
		assertThat(faultedUploads).as("uploads the emulator failed, then sent again").hasSizeGreaterThan(2);
	}

	private void start(int files, FaultSettings faults, int size) {
		AppSeed.Builder source = app(SOURCE, SOURCE_TOKEN);
		for (int i = 1; i <= files; i++) {
			int n = i;
			int bytes = (i == 1) ? size : SMALL;
			source.record(r -> r.text("code", "R-" + n)
				.generatedFile("att", "file-" + n + ".bin", "application/octet-stream", bytes, n));
		}
		AppSeed.Builder target = app(TARGET, TARGET_TOKEN).record(r -> r.text("code", "T-1"));
		emulator = KintoneEmulator.builder()
			.port(0)
			.seed(EmulatorSeed.builder().app(source.build()).app(target.build()).build())
			.faults(faults)
			.start();
	}

	private static AppSeed.Builder app(long id, String token) {
		return AppSeed.builder(id, "app " + id)
			.field(FieldSpec.singleLineText("code").unique())
			.field(FieldSpec.file("att"))
			.apiToken(token, TokenPermission.VIEW, TokenPermission.ADD, TokenPermission.EDIT);
	}

	private KintoneClient client(long app, String token) {
		return okhttp.open(EmulatorApps.tokenConnection(emulator.baseUrl(), app, token));
	}

	private KintoneClient resilient(long app, String token) {
		ResilienceSettings fast = ResilienceSettings.builder()
			.backoff(Duration.ofMillis(1), Duration.ofMillis(20))
			.requestsPerSecond(10_000)
			.maxAttempts(20)
			.circuitBreaker(100, 90, 50)
			.openStateWait(Duration.ofMillis(5))
			.build();
		return new ResilientKintoneClientFactory(okhttp, fast, new SimpleMeterRegistry())
			.open(EmulatorApps.tokenConnection(emulator.baseUrl(), app, token));
	}

	private List<FileInfo> sourceFiles() {
		List<FileInfo> files = new ArrayList<>();
		KintoneClient source = client(SOURCE, SOURCE_TOKEN);
		for (KintoneRecord record : source.recordsAfter(0, 500, List.of(), null)) {
			files.addAll(record.files("att"));
		}
		return files;
	}

	private List<FileKey> transferAll(AttachmentTransfer transfer, List<FileInfo> files) throws Exception {
		List<Future<FileKey>> futures = new ArrayList<>();
		for (FileInfo file : files) {
			futures.add(pool.submit(() -> transfer.transfer(file).uploadKey()));
		}
		List<FileKey> keys = new ArrayList<>();
		for (Future<FileKey> future : futures) {
			keys.add(future.get(60, TimeUnit.SECONDS));
		}
		return keys;
	}

	private void attach(List<FileKey> uploaded) {
		client(TARGET, TARGET_TOKEN).updateRecords(List
			.of(new RecordUpdate(new RecordSelector.ById(1), null, Map.of("att", new FieldUpdate.Files(uploaded)))));
	}

	private void assertTargetHoldsEverySourceFile() {
		List<StoredFile> sourceFiles = emulator.records(SOURCE).stream().flatMap(r -> r.files("att").stream()).toList();
		assertThat(emulator.record(TARGET, 1).orElseThrow().files("att"))
			.extracting(StoredFile::name, StoredFile::size, StoredFile::sha256)
			.containsExactlyInAnyOrderElementsOf(
					sourceFiles.stream().map(f -> tuple(f.name(), f.size(), f.sha256())).toList());
	}

}
