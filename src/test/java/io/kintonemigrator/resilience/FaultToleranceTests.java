package io.kintonemigrator.resilience;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.fault.FaultSettings;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.kintone.AppId;
import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.RecordUpdate.RecordSelector;
import io.kintonemigrator.kintone.Secret;
import io.kintonemigrator.kintone.okhttp.EmulatorApps;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE_TOKEN;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.TARGET;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.TARGET_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With 30% of all requests failing transiently (429, plain-text 503, GAIA_DA02,
 * connections reset half-way through the body, stalls longer than the read timeout),
 * injected by the emulator from a fixed seed, every operation still succeeds and every
 * file arrives with identical bytes.
 */
class FaultToleranceTests {

	@TempDir
	Path dir;

	private final OkHttpKintoneClientFactory okhttp = new OkHttpKintoneClientFactory();

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	private KintoneEmulator emulator;

	@AfterEach
	void stop() {
		pool.shutdownNow();
		okhttp.close();
		if (emulator != null) {
			emulator.close();
		}
	}

	private KintoneConnection connection(long app, String token) {
		// a stall (1 s) outlasts the read timeout (250 ms): it surfaces as a timeout and
		// is retried
		return new KintoneConnection(emulator.baseUrl(), new AppId(app), null,
				new KintoneConnection.Credentials.ApiTokens(List.of(new Secret(token))), null, null, null,
				new KintoneConnection.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ofSeconds(2)),
				false);
	}

	@Test
	void everyOperationSucceedsDespite30PercentTransientFaults() throws Exception {
		emulator = KintoneEmulator.builder()
			.port(0)
			.seed(EmulatorApps.seed())
			.faults(FaultSettings.builder().mixedRate(0.3).stallDuration(Duration.ofSeconds(1)).seed(20260302).build())
			.start();
		ResilientKintoneClientFactory factory = new ResilientKintoneClientFactory(okhttp,
				ResilientKintoneClientTests.FAST.toBuilder().maxConcurrentCalls(4).build(), new SimpleMeterRegistry());
		KintoneClient source = factory.open(connection(SOURCE, SOURCE_TOKEN));
		KintoneClient target = factory.open(connection(TARGET, TARGET_TOKEN));

		// app info, form, keyset pages, lookups by key and by id
		assertThat(source.appInfo().name()).isEqualTo("source");
		assertThat(target.formFields().find("drawing")).isPresent();
		List<KintoneRecord> records = new ArrayList<>();
		for (List<KintoneRecord> page = source.recordsAfter(0, 2, List.of(), null); !page.isEmpty(); page = source
			.recordsAfter(page.get(page.size() - 1).id(), 2, List.of(), null)) {
			records.addAll(page);
		}
		assertThat(records).extracting(KintoneRecord::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
		assertThat(target.recordsByKey("code", List.of("T-1", "T-2", "T-3"), List.of("code"))).hasSize(3);
		KintoneRecord targetOne = target.record(1);

		// every file of the source (top level, subtable, empty) downloaded and uploaded,
		// four at a time
		List<FileInfo> files = new ArrayList<>();
		for (KintoneRecord record : records) {
			files.addAll(record.files("att"));
			record.rows("items")
				.forEach(row -> row.fields()
					.values()
					.stream()
					.filter(FieldValue.Files.class::isInstance)
					.forEach(value -> files.addAll(((FieldValue.Files) value).files())));
		}
		// three copies of each, so enough requests go out to meet every kind of fault
		List<FileInfo> work = new ArrayList<>();
		for (int round = 0; round < 3; round++) {
			work.addAll(files);
		}
		List<Map.Entry<FileInfo, Future<FileKey>>> copies = new ArrayList<>();
		Map<Future<FileKey>, Future<DownloadedFile>> downloads = new LinkedHashMap<>();
		for (int i = 0; i < work.size(); i++) {
			FileInfo file = work.get(i);
			Path temp = dir.resolve("file-" + i);
			Future<DownloadedFile> downloaded = pool.submit(() -> source.download(file.fileKey(), temp));
			Future<FileKey> copy = pool.submit(() -> {
				downloaded.get();
				return target.upload(temp, file.name(), file.contentType());
			});
			downloads.put(copy, downloaded);
			copies.add(Map.entry(file, copy));
		}
		List<FileKey> uploaded = new ArrayList<>();
		for (Map.Entry<FileInfo, Future<FileKey>> copy : copies) {
			uploaded.add(copy.getValue().get(60, TimeUnit.SECONDS));
			assertThat(downloads.get(copy.getValue()).get().size()).isEqualTo(copy.getKey().size());
		}
		// an idempotent update (no revision, no upload key) can simply be sent again
		// after any fault
		List<RecordUpdate> retitle = List.of(new RecordUpdate(new RecordSelector.ById(targetOne.id()), null,
				Map.of("title", new FieldUpdate.Plain("copied"))));
		assertThat(target.updateRecords(retitle)).hasSize(1);
		// a stalled request is logged when the emulator answers it, after the client
		// already gave up on it
		awaitNoRequestInFlight(emulator);
		List<RequestLogEntry> faulted = emulator.requestLog().stream().filter(r -> r.injectedFault() != null).toList();
		int requests = emulator.requestLog().size();

		// Attaching upload keys is not idempotent: if kintone applied the update but the
		// answer was lost, a
		// repeat fails for good (the keys are used up, the revision moved on) and the job
		// must re-read the
		// record. So the attaching update runs with faults switched off.
		emulator.faults(FaultSettings.none());
		target.updateRecords(List
			.of(new RecordUpdate(new RecordSelector.ById(1), null, Map.of("att", new FieldUpdate.Files(uploaded)))));

		// then the target holds every source file, byte for byte
		List<StoredFile> sourceFiles = emulator.records(SOURCE).stream().flatMap(r -> r.allFiles().stream()).toList();
		List<StoredFile> targetFiles = emulator.record(TARGET, 1).orElseThrow().files("att");
		assertThat(targetFiles).extracting(StoredFile::name, StoredFile::size, StoredFile::sha256)
			.containsExactlyInAnyOrderElementsOf(Stream.of(sourceFiles, sourceFiles, sourceFiles)
				.flatMap(List::stream)
				.map(f -> Tuple.tuple(f.name(), f.size(), f.sha256()))
				.toList());
		assertThat(emulator.record(TARGET, 1).orElseThrow().text("title")).isEqualTo("copied");
		// and the emulator really did fail many requests, of every kind, file transfers
		// included
		Set<String> kinds = faulted.stream().map(RequestLogEntry::injectedFault).collect(Collectors.toSet());
		System.out.println("requests " + requests + ", faulted " + faulted.size() + ": " + faulted.stream()
			.collect(Collectors.groupingBy(RequestLogEntry::injectedFault, Collectors.counting())));
		assertThat(faulted.size()).isGreaterThanOrEqualTo(requests / 6);
		assertThat(kinds).contains("too-many-requests", "service-unavailable", "database-locked", "connection-reset",
				"stall");
		// an upload that failed was sent again as a new request, the file read again
		assertThat(faulted).anySatisfy(r -> assertThat(r.method() + " " + r.path()).isEqualTo("POST /k/v1/file.json"));
		assertThat(Files.list(dir).count()).isEqualTo(work.size());

		// a download cut half-way is started again from the first byte: only resets on
		// files now, seeded so that the first attempt is cut and the second is not (the
		// mix above depends on the order concurrent requests arrive in)
		FileInfo file = files.stream().filter(f -> f.size() > 0).findFirst().orElseThrow();
		emulator.clearRequestLog();
		emulator.faults(FaultSettings.builder().connectionReset(0.5).apis("file").seed(3).build());
		Path again = Files.createTempFile("fault-tolerance-", ".bin");
		try {
			DownloadedFile downloaded = source.download(file.fileKey(), again);

			assertThat(downloaded.size()).isEqualTo(file.size());
			assertThat(Files.size(again)).isEqualTo(file.size());
			assertThat(emulator.requestLog()).extracting(r -> r.method() + " " + r.path() + " " + r.injectedFault())
				.containsExactly("GET /k/v1/file.json connection-reset", "GET /k/v1/file.json null");
		}
		finally {
			Files.deleteIfExists(again);
		}
	}

	private static void awaitNoRequestInFlight(KintoneEmulator emulator) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (emulator.stats().inFlight() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(emulator.stats().inFlight()).as("requests still in flight").isZero();
	}

}
