package io.kintonemigrator.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.FileContent;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.WriteTransaction;
import io.kintonemigrator.ledger.LedgerEntry;
import io.kintonemigrator.ledger.LedgerStatus;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static io.kintonemigrator.testsupport.MigrationApps.hashes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad data through the real job against the emulator: awkward file names, empty files, a
 * file over the size limit, a source record and a target record deleted while the job
 * runs, a download key that stops working. Each record ends up with exactly its source
 * files on the target (same names, same SHA-256) or untouched and SKIPPED in the ledger
 * with the reason; the job completes.
 */
class BadDataFunctionalTests extends MigrationFunctionalTestBase {

	private static final String SOURCE_TOKEN = "bad-data-source";

	private static final String TARGET_TOKEN = "bad-data-target";

	private static final long MAX_FILE_SIZE = 100_000;

	/** One record per awkward name, so one refusal cannot hide another's outcome. */
	private static final Map<Long, List<String>> NAMES = new LinkedHashMap<>();

	static {
		NAMES.put(1L, List.of("a/b.txt"));
		NAMES.put(2L, List.of("a\\b.txt"));
		NAMES.put(3L, List.of("../../etc/passwd"));
		NAMES.put(4L, List.of("ctl\u0001\u001f\u007f.txt"));
		NAMES.put(5L, List.of("長".repeat(90) + ".txt")); // 274 bytes of UTF-8
		NAMES.put(6L, List.of("😀 emoji 🎉.png"));
		NAMES.put(7L, List.of("日本語の報告書（最終版）.pdf"));
		NAMES.put(8L, List.of("same.txt", "same.txt"));
		NAMES.put(9L, List.of("empty.bin", "one-byte.bin"));
		NAMES.put(10L, List.of("too-large.bin", "small-neighbour.txt"));
		NAMES.put(11L, List.of("deleted-source.txt"));
		NAMES.put(12L, List.of("deleted-target.txt"));
		NAMES.put(13L, List.of("stale-key.txt"));
		NAMES.put(14L, List.of("semi;colon=equals&amp.txt", "apostrophe's %22 percent.txt", "<angle> brackets.txt"));
		NAMES.put(15L, List.of("fine.txt", "quote\"inside.txt")); // sent as %22 by the
																	// multipart form
		NAMES.put(16L, List.of("tab\there.txt"));
	}

	private static final long SOURCE_DELETED = 11;

	private static final long TARGET_DELETED = 12;

	private static final long STALE_KEY = 13;

	@Test
	void eachRecordIsMigratedExactlyOrSkippedWithItsReasonAndTheJobCompletes() throws Exception {
		KintoneEmulator[] emulators = new KintoneEmulator[1];
		String[] keys = new String[3]; // download keys: the deleted source's file, the
										// stale one, the deleted target's
		AtomicBoolean sourceDeleted = new AtomicBoolean();
		AtomicBoolean targetDeleted = new AtomicBoolean();
		AtomicBoolean staleKeyRefused = new AtomicBoolean();
		AtomicBoolean sourceRecordReread = new AtomicBoolean();
		List<String> staleTrail = new CopyOnWriteArrayList<>();
		Filter mischief = (request, response, chain) -> {
			HttpServletRequest r = (HttpServletRequest) request;
			String fileKey = r.getRequestURI().endsWith("/file.json") && "GET".equals(r.getMethod())
					? r.getParameter("fileKey") : null;
			if (keys[0].equals(fileKey) && sourceDeleted.compareAndSet(false, true)) {
				// a user deletes the source record after the job read it, just before its
				// file is fetched
				delete(emulators[0], 1, SOURCE_DELETED);
			}
			if (keys[2].equals(fileKey) && targetDeleted.compareAndSet(false, true)) {
				// a user deletes the target record after the job found it, before the
				// job's bulk update
				delete(emulators[0], 2, TARGET_DELETED); // legacy_id n is target record n
			}
			boolean staleRecordRead = r.getRequestURI().endsWith("/record.json") && "1".equals(r.getParameter("app"))
					&& String.valueOf(STALE_KEY).equals(r.getParameter("id"));
			if (staleRecordRead) {
				// before the answer goes out: the client may ask for the file as soon as
				// it has the record
				sourceRecordReread.set(true);
				staleTrail.add("record read");
			}
			if (keys[1].equals(fileKey) && !sourceRecordReread.get()) {
				// the key read with the record no longer works until the record is read
				// again
				staleKeyRefused.set(true);
				staleTrail.add("file 404");
				HttpServletResponse answer = (HttpServletResponse) response;
				answer.setStatus(404);
				answer.setContentType("application/json");
				answer.getOutputStream()
					.write(("{\"code\":\"GAIA_BL01\",\"id\":\"stale\",\"message\":\"The specified file (id: " + fileKey
							+ ") not found.\"}")
						.getBytes(StandardCharsets.UTF_8));
				return;
			}
			chain.doFilter(request, response);
			if (keys[1].equals(fileKey)) {
				staleTrail.add("file " + ((HttpServletResponse) response).getStatus());
			}
		};
		try (KintoneEmulator emulator = KintoneEmulator.builder()
			.port(0)
			.dataDirectory(tmp.resolve("emulator"))
			.maxFileSize(MAX_FILE_SIZE)
			.seed(seed())
			.requestFilter(mischief)
			.start()) {
			emulators[0] = emulator;
			keys[0] = emulator.record(1, SOURCE_DELETED).orElseThrow().files("attachments").get(0).fileKey();
			keys[1] = emulator.record(1, STALE_KEY).orElseThrow().files("attachments").get(0).fileKey();
			keys[2] = emulator.record(1, TARGET_DELETED).orElseThrow().files("attachments").get(0).fileKey();
			Map<Long, List<String>> sourceFiles = new LinkedHashMap<>();
			Map<Long, List<String>> targetBefore = new LinkedHashMap<>();
			for (long id : NAMES.keySet()) {
				sourceFiles.put(id, hashes(emulator.record(1, id).orElseThrow().files("attachments")));
				targetBefore.put(id, hashes(target(emulator, id).files("documents")));
			}

			JobExecution execution = run(jobFile(emulator)).execution();

			assertThat(execution.getStatus()).as(execution.getAllFailureExceptions().toString())
				.isEqualTo(BatchStatus.COMPLETED);
			assertThat(sourceDeleted).isTrue();
			assertThat(targetDeleted).isTrue();
			assertThat(staleKeyRefused).isTrue();
			Map<Long, List<LedgerEntry>> ledgerByRecord = new LinkedHashMap<>();
			ledger.all("bad-data")
				.forEach(entry -> ledgerByRecord.computeIfAbsent(entry.ref().sourceRecord(), id -> new ArrayList<>())
					.add(entry));

			// migrated exactly: every awkward name, duplicates, empty files, the stale
			// key
			for (long id : List.of(1L, 2L, 3L, 5L, 6L, 7L, 8L, 9L, 13L, 14L)) {
				assertThat(hashes(target(emulator, id).files("documents"))).as("record %d", id)
					.containsExactlyElementsOf(sourceFiles.get(id));
				assertThat(ledgerByRecord.get(id)).as("record %d", id)
					.extracting(LedgerEntry::status)
					.containsOnly(LedgerStatus.ATTACHED);
			}
			assertThat(target(emulator, 9).files("documents")).extracting(f -> f.size()).containsExactly(0L, 1L);
			assertThat(target(emulator, 8).files("documents")).extracting(f -> f.sha256()).doesNotHaveDuplicates();
			// the stale key: refused once, the record re-read, then fetched
			assertThat(staleTrail).containsExactly("file 404", "record read", "file 200");

			// skipped with the reason, target untouched (no partial set of files)
			assertSkipped(ledgerByRecord.get(10L), "too-large.bin");
			assertThat(hashes(target(emulator, 10).files("documents"))).isEqualTo(targetBefore.get(10L));
			assertSkipped(ledgerByRecord.get(SOURCE_DELETED), "source record 11 was deleted during the migration");
			assertThat(hashes(target(emulator, SOURCE_DELETED).files("documents"))).isEqualTo(targetBefore.get(11L));
			assertSkipped(ledgerByRecord.get(TARGET_DELETED), "update refused: ");
			assertSkipped(ledgerByRecord.get(TARGET_DELETED), "GAIA_RE01");
			// a name the upload form cannot carry unchanged is skipped before anything is
			// sent, never renamed
			assertSkipped(ledgerByRecord.get(4L),
					"file name 'ctl\\u0001\\u001f\\u007f.txt' has a character the upload form");
			assertSkipped(ledgerByRecord.get(15L), "file name 'quote\"inside.txt' has a character the upload form");
			assertSkipped(ledgerByRecord.get(16L), "file name 'tab\\u0009here.txt' has a character the upload form");
			for (long id : List.of(4L, 15L, 16L)) {
				assertThat(target(emulator, id).files("documents")).isEmpty();
			}
			assertThat(targetByLegacyId(emulator, TARGET_DELETED)).isNull();

			// no temp file outlives the run (in the work directory the context's job
			// used:
			// a context cached from an earlier test class keeps that class's)
			try (Stream<Path> left = Files.walk(properties.workDir())) {
				assertThat(left.filter(Files::isRegularFile)).isEmpty();
			}
		}
	}

	private static void assertSkipped(List<LedgerEntry> entries, String reason) {
		assertThat(entries).isNotEmpty().allSatisfy(entry -> {
			assertThat(entry.status()).isEqualTo(LedgerStatus.SKIPPED);
			assertThat(entry.error()).contains(reason);
		});
	}

	private static StoredRecord target(KintoneEmulator emulator, long legacyId) {
		StoredRecord record = targetByLegacyId(emulator, legacyId);
		assertThat(record).as("target of %d", legacyId).isNotNull();
		return record;
	}

	private static EmulatorSeed seed() {
		AppSeed.Builder source = AppSeed.builder(1, "bad data source")
			.field(FieldSpec.file("attachments"))
			.apiToken(SOURCE_TOKEN, TokenPermission.VIEW);
		AppSeed.Builder target = AppSeed.builder(2, "bad data target")
			.field(FieldSpec.number("legacy_id").unique())
			.field(FieldSpec.file("documents"))
			.apiToken(TARGET_TOKEN, TokenPermission.VIEW, TokenPermission.EDIT);
		NAMES.forEach((id, names) -> {
			source.record(r -> {
				for (int i = 0; i < names.size(); i++) {
					String name = names.get(i);
					long size = name.equals("too-large.bin") ? MAX_FILE_SIZE + 1
							: name.equals("empty.bin") ? 0 : name.equals("one-byte.bin") ? 1 : 1_000 + 37 * id + i;
					r.file("attachments", name, "application/octet-stream", FileContent.generated(size, id * 10 + i));
				}
			});
			target.record(r -> {
				r.number("legacy_id", id);
				if (id == 10) {
					r.file("documents", "already-there.txt", "text/plain", FileContent.of("kept"));
				}
			});
		});
		return EmulatorSeed.builder().app(source.build()).app(target.build()).build();
	}

	private Path jobFile(KintoneEmulator emulator) throws IOException {
		return Files.writeString(tmp.resolve("bad-data.yml"), """
				name: bad-data
				source: { baseUrl: "%s", app: 1, apiToken: %s }
				target: { baseUrl: "%s", app: 2, apiToken: %s }
				match: { source: $id, target: legacy_id }
				files:
				  - { from: attachments, to: documents }
				limits: { concurrency: 4, requestsPerSecond: 1000, chunkSize: 4 }
				""".formatted(emulator.baseUrl(), SOURCE_TOKEN, emulator.baseUrl(), TARGET_TOKEN));
	}

	private static @Nullable StoredRecord targetByLegacyId(KintoneEmulator emulator, long legacyId) {
		return emulator.records(2)
			.stream()
			.filter(record -> record.text("legacy_id").equals(Long.toString(legacyId)))
			.findFirst()
			.orElse(null);
	}

	private static void delete(KintoneEmulator emulator, long app, long id) {
		try (WriteTransaction transaction = emulator.store().beginWrite()) {
			transaction.delete(app, id);
			transaction.commit();
		}
	}

}
