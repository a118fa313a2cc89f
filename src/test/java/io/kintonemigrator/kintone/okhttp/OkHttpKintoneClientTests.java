package io.kintonemigrator.kintone.okhttp;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.kintone.DownloadedFile;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FieldValue;
import io.kintonemigrator.kintone.FileInfo;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.FormFields;
import io.kintonemigrator.kintone.KintoneApiException;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection.Credentials;
import io.kintonemigrator.kintone.KintoneRecord;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.RecordUpdate.RecordSelector;
import io.kintonemigrator.kintone.Secret;
import io.kintonemigrator.kintone.UpdatedRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.kintonemigrator.kintone.okhttp.EmulatorApps.SOURCE;
import static io.kintonemigrator.kintone.okhttp.EmulatorApps.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Every operation of the OkHttp client against the emulator over real HTTP. */
class OkHttpKintoneClientTests {

	private static KintoneEmulator emulator;

	private static OkHttpKintoneClientFactory factory;

	private static KintoneClient source;

	private static KintoneClient target;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		emulator = KintoneEmulator.builder().port(0).seed(EmulatorApps.seed()).start();
		factory = new OkHttpKintoneClientFactory();
		source = factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), SOURCE, EmulatorApps.SOURCE_TOKEN));
		target = factory.open(EmulatorApps.tokenConnection(emulator.baseUrl(), TARGET, EmulatorApps.TARGET_TOKEN));
	}

	@AfterAll
	static void stop() {
		factory.close();
		emulator.close();
	}

	@BeforeEach
	void clearLog() {
		emulator.clearRequestLog();
	}

	// ---- app and form

	@Test
	void readsAppInfoAndFormFieldsWithSubtableNesting() {
		assertThat(source.appInfo().name()).isEqualTo("source");
		assertThat(source.appInfo().appId().value()).isEqualTo(SOURCE);

		FormFields form = source.formFields();
		assertThat(form.properties().get("att").isFile()).isTrue();
		assertThat(form.properties().get("code").unique()).isTrue();
		assertThat(form.properties().get("items").isSubtable()).isTrue();
		assertThat(form.properties().get("items").fields()).containsKeys("no", "drawing");
		assertThat(form.find("drawing")).hasValueSatisfying(p -> assertThat(p.isFile()).isTrue());
	}

	// ---- reading records

	@Test
	void pagesThroughAllRecordsByKeyset() {
		List<Long> ids = new ArrayList<>();
		long after = 0;
		List<KintoneRecord> page;
		do {
			page = source.recordsAfter(after, 3, List.of(), null);
			page.forEach(r -> ids.add(r.id()));
			after = page.isEmpty() ? after : page.get(page.size() - 1).id();
		}
		while (page.size() == 3);

		assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
		assertThat(emulator.requestLog()).extracting(RequestLogEntry::effectiveMethod, RequestLogEntry::path)
			.containsOnly(tuple("GET", "/k/v1/records.json"));
	}

	@Test
	void countsTheRecordsAKeysetReadWouldPageThroughInOneRequest() {
		assertThat(source.countAfter(0, null)).isEqualTo(7);
		assertThat(source.countAfter(1, "parity = \"even\"")).isEqualTo(3);
		assertThat(source.countAfter(7, null)).isZero();

		assertThat(emulator.requestLog()).hasSize(3).allSatisfy(entry -> {
			assertThat(entry.path()).isEqualTo("/k/v1/records.json");
			assertThat(entry.effectiveMethod()).isEqualTo("GET");
		});
	}

	@Test
	void aPageSelectsFieldsAndAndsTheExtraQuery() {
		List<KintoneRecord> page = source.recordsAfter(1, 500, List.of("att", "code"), "parity = \"even\"");

		assertThat(page).extracting(KintoneRecord::id).containsExactly(2L, 4L, 6L);
		assertThat(page.get(0).fields()).containsOnlyKeys("att", "code");
		assertThat(page.get(0).revision()).isPositive();
		assertThat(page.get(0).files("att")).singleElement()
			.satisfies(f -> assertThat(f.name()).isEqualTo("file-2.bin"))
			.satisfies(f -> assertThat(f.size()).isEqualTo(1002));
	}

	@Test
	void readsFilesAndSubtableRowsAsStored() {
		KintoneRecord record = source.record(1);
		StoredRecord stored = emulator.record(SOURCE, 1).orElseThrow();

		assertThat(record.files("att")).extracting(FileInfo::name, FileInfo::size, FileInfo::contentType)
			.containsExactly(tuple(EmulatorApps.JAPANESE_NAME, 3000L, "application/pdf"),
					tuple("empty.txt", 0L, "text/plain"));
		assertThat(record.files("att")).extracting(f -> f.fileKey().value())
			.containsExactlyElementsOf(stored.files("att").stream().map(StoredFile::fileKey).toList());
		List<FieldValue.SubtableRow> rows = record.rows("items");
		assertThat(rows).extracting(FieldValue.SubtableRow::id)
			.containsExactlyElementsOf(stored.rows("items").stream().map(r -> Long.toString(r.id())).toList());
		assertThat(rows.get(0).fields().get("drawing")).isInstanceOfSatisfying(FieldValue.Files.class,
				files -> assertThat(files.files()).extracting(FileInfo::name)
					.startsWith("図面 (1).png")
					.containsExactlyElementsOf(
							stored.rows("items").get(0).files("drawing").stream().map(StoredFile::name).toList()));
		assertThat(rows.get(1).fields().get("no")).isEqualTo(new FieldValue.Plain("SINGLE_LINE_TEXT", "A-2"));
	}

	@Test
	void findsRecordsByAListOfKeyValuesOrIds() {
		assertThat(source.recordsByKey("code", List.of("R-5", "R-2", "nope \"quoted\" \\ value"), List.of("code")))
			.extracting(KintoneRecord::id)
			.containsExactly(2L, 5L);
		assertThat(source.recordsByKey("$id", List.of("7", "3"), List.of())).extracting(KintoneRecord::id)
			.containsExactly(3L, 7L);
		assertThat(source.recordsByKey("code", List.of(), List.of())).isEmpty();
	}

	@Test
	void aQueryTooLongForTheUrlGoesAsPostWithMethodOverride() {
		List<String> keys = IntStream.range(0, 400)
			.mapToObj(i -> "no-such-key-" + i)
			.collect(Collectors.toCollection(ArrayList::new));
		keys.add("R-3");

		List<KintoneRecord> found = source.recordsByKey("code", keys, List.of("code"));

		assertThat(found).extracting(KintoneRecord::id).containsExactly(3L);
		assertThat(emulator.requestLog()).singleElement().satisfies(entry -> {
			assertThat(entry.method()).isEqualTo("POST");
			assertThat(entry.effectiveMethod()).isEqualTo("GET");
			assertThat(entry.header("X-HTTP-Method-Override")).isEqualTo("GET");
			assertThat(entry.header("Content-Type")).startsWith("application/json");
		});
	}

	@Test
	void aMissingRecordIsAPermanentNotFound() {
		assertThatThrownBy(() -> source.record(9999)).isInstanceOfSatisfying(KintoneApiException.class, ex -> {
			assertThat(ex.status()).isEqualTo(404);
			assertThat(ex.code()).isEqualTo("GAIA_RE01");
			assertThat(ex.errorId()).isNotBlank();
			assertThat(ex.isRetryable()).isFalse();
		});
	}

	// ---- files

	@Test
	void downloadsAFileStreamedToDiskWithTypeSizeAndSha256() throws Exception {
		FileInfo japanese = source.record(1).files("att").get(0);
		Path file = dir.resolve("download.bin");

		DownloadedFile downloaded = source.download(japanese.fileKey(), file);

		StoredFile stored = emulator.record(SOURCE, 1).orElseThrow().files("att").get(0);
		assertThat(downloaded.size()).isEqualTo(3000).isEqualTo(Files.size(file));
		assertThat(downloaded.sha256()).isEqualTo(stored.sha256()).isEqualTo(sha256(file));
		assertThat(downloaded.contentType()).startsWith("application/pdf");
	}

	@Test
	void downloadsAnEmptyFile() throws Exception {
		FileInfo empty = source.record(1).files("att").get(1);
		Path file = dir.resolve("empty");
		Files.writeString(file, "old content is replaced");

		DownloadedFile downloaded = source.download(empty.fileKey(), file);

		assertThat(downloaded.size()).isZero();
		assertThat(Files.size(file)).isZero();
		assertThat(downloaded.sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

	@Test
	void anUnknownFileKeyIsAPermanentNotFoundAndLeavesNoFile() {
		Path file = dir.resolve("never");

		assertThatThrownBy(() -> source.download(new FileKey("20990101000000DEADBEEF"), file))
			.isInstanceOfSatisfying(KintoneApiException.class, ex -> {
				assertThat(ex.status()).isEqualTo(404);
				assertThat(ex.code()).isEqualTo("GAIA_BL01");
				assertThat(ex.isRetryable()).isFalse();
			});
		assertThat(file).doesNotExist();
	}

	@ParameterizedTest
	@ValueSource(strings = { EmulatorApps.JAPANESE_NAME, "報告書.pdf", "with spaces and (parens) & ampersand.txt",
			"semi;colon=equals,comma.txt", "percent%20and+plus#hash.txt", "emoji 📎 café ñ.txt",
			"it's ~ `odd` [1] {2}.txt", "no-extension", "..dots..", "back\\slash.txt" })
	void uploadsAFileWhoseNameArrivesIntactAsUtf8(String name) throws Exception {
		Path file = dir.resolve("upload.bin");
		Files.write(file, ("content of " + name).getBytes(StandardCharsets.UTF_8));

		FileKey uploadKey = target.upload(file, name, "text/plain");
		target.updateRecords(List.of(new RecordUpdate(new RecordSelector.ById(1), null,
				Map.of("att", new FieldUpdate.Files(List.of(uploadKey))))));

		StoredFile stored = emulator.record(TARGET, 1).orElseThrow().files("att").get(0);
		assertThat(stored.name()).isEqualTo(name);
		assertThat(stored.contentType()).isEqualTo("text/plain");
		assertThat(stored.sha256()).isEqualTo(sha256(file));
		RequestLogEntry upload = emulator.requestLog().get(0);
		assertThat(upload.method()).isEqualTo("POST");
		assertThat(upload.path()).isEqualTo("/k/v1/file.json");
		assertThat(upload.header("Content-Type")).startsWith("multipart/form-data; boundary=");
	}

	/**
	 * Browsers (HTML's multipart/form-data rules) and OkHttp write '"', CR and LF in a
	 * file name as %22, %0D and %0A, and servers are told not to decode them; what real
	 * kintone stores for such a name is UNCONFIRMED. This pins what we send.
	 */
	@Test
	void aDoubleQuoteInAFileNameIsSentPercentEncodedAsBrowsersDo() throws Exception {
		Path file = dir.resolve("quoted.txt");
		Files.writeString(file, "quoted");

		FileKey uploadKey = target.upload(file, "say \"hi\".txt", "text/plain");
		target.updateRecords(List.of(new RecordUpdate(new RecordSelector.ById(1), null,
				Map.of("att", new FieldUpdate.Files(List.of(uploadKey))))));

		assertThat(emulator.record(TARGET, 1).orElseThrow().files("att").get(0).name()).isEqualTo("say %22hi%22.txt");
	}

	@Test
	void uploadsAnEmptyFile() throws Exception {
		Path file = Files.createFile(dir.resolve("zero"));

		FileKey uploadKey = target.upload(file, "zero.dat", "application/octet-stream");
		target.updateRecords(List.of(new RecordUpdate(new RecordSelector.ById(2), null,
				Map.of("att", new FieldUpdate.Files(List.of(uploadKey))))));

		StoredFile stored = emulator.record(TARGET, 2).orElseThrow().files("att").get(0);
		assertThat(stored.size()).isZero();
		assertThat(stored.name()).isEqualTo("zero.dat");
	}

	@Test
	void aMissingSourceFileIsRefusedBeforeAnyRequest() {
		assertThatThrownBy(() -> target.upload(dir.resolve("absent"), "a.txt", "text/plain"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not a readable file");
		assertThat(emulator.requestLog()).isEmpty();
	}

	// ---- updating records

	@Test
	void updatesByIdAndByUpdateKeyWithRevisionsKeepingSubtableRows() throws Exception {
		KintoneRecord before = source.record(1);
		Path file = dir.resolve("new.txt");
		Files.writeString(file, "new drawing");
		FileKey uploaded = source.upload(file, "new drawing.txt", "text/plain");
		FieldValue.SubtableRow firstRow = before.rows("items").get(0);
		FieldValue.SubtableRow secondRow = before.rows("items").get(1);
		FileKey keptDrawing = ((FieldValue.Files) firstRow.fields().get("drawing")).files().get(0).fileKey();
		RecordUpdate byId = new RecordUpdate(new RecordSelector.ById(1), before.revision(),
				Map.of("items",
						new FieldUpdate.Subtable(List.of(
								new FieldUpdate.Row(firstRow.id(),
										Map.of("no", new FieldUpdate.Plain("A-1"), "drawing",
												new FieldUpdate.Files(List.of(keptDrawing, uploaded)))),
								new FieldUpdate.Row(secondRow.id(), Map.of("no", new FieldUpdate.Plain("A-2")))))));
		RecordUpdate byKey = new RecordUpdate(new RecordSelector.ByUpdateKey("code", "R-2"), null,
				Map.of("title", new FieldUpdate.Plain("renamed")));

		List<UpdatedRecord> updated = source.updateRecords(List.of(byId, byKey));

		assertThat(updated).extracting(UpdatedRecord::id).containsExactly(1L, 2L);
		assertThat(updated.get(0).revision()).isEqualTo(before.revision() + 1);
		StoredRecord after = emulator.record(SOURCE, 1).orElseThrow();
		assertThat(after.rows("items")).extracting(r -> Long.toString(r.id()))
			.containsExactly(firstRow.id(), secondRow.id());
		assertThat(after.rows("items").get(0).files("drawing")).extracting(StoredFile::name)
			.containsExactly("図面 (1).png", "new drawing.txt");
		assertThat(emulator.record(SOURCE, 2).orElseThrow().text("title")).isEqualTo("renamed");
	}

	@Test
	void aStaleRevisionIsAPermanentConflictAndNothingIsWritten() {
		KintoneRecord record = target.record(3);

		assertThatThrownBy(() -> target.updateRecords(List.of(new RecordUpdate(new RecordSelector.ById(3),
				record.revision() - 1 == 0 ? record.revision() + 5 : record.revision() - 1,
				Map.of("title", new FieldUpdate.Plain("lost update"))))))
			.isInstanceOfSatisfying(KintoneApiException.class, ex -> {
				assertThat(ex.status()).isEqualTo(409);
				assertThat(ex.code()).isEqualTo("GAIA_CO02");
				assertThat(ex.isRetryable()).isFalse();
			});
		assertThat(emulator.record(TARGET, 3).orElseThrow().text("title")).isEqualTo("target 3");
	}

	@Test
	void aValidationErrorCarriesTheFieldErrors() {
		RecordUpdate duplicate = new RecordUpdate(new RecordSelector.ById(1), null,
				Map.of("code", new FieldUpdate.Plain("T-2")));

		assertThatThrownBy(() -> target.updateRecords(List.of(duplicate)))
			.isInstanceOfSatisfying(KintoneApiException.class, ex -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.code()).isEqualTo("CB_VA01");
				assertThat(ex.fieldErrors()).isNotEmpty();
				assertThat(ex.fieldErrors().keySet()).anySatisfy(key -> assertThat(key).contains("code"));
				assertThat(ex.isRetryable()).isFalse();
			});
	}

	@Test
	void moreThanTwentyTimesAHundredUpdatesAreRefusedBeforeAnyRequest() {
		List<RecordUpdate> updates = IntStream.rangeClosed(1, 2001)
			.mapToObj(i -> new RecordUpdate(new RecordSelector.ById(i), null, Map.of()))
			.toList();

		assertThatThrownBy(() -> target.updateRecords(updates)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at most 2000");
		assertThat(emulator.requestLog()).isEmpty();
	}

	@Test
	void updatesGoAsOneBulkRequestThatKintoneDoesNotCount() {
		KintoneRecord one = target.record(1);
		KintoneRecord two = target.record(2);
		emulator.clearRequestLog();
		// 101 updates need two PUT records.json sub-requests; 99 of them name records
		// that do not change
		List<RecordUpdate> updates = new ArrayList<>();
		updates.add(new RecordUpdate(new RecordSelector.ById(1), one.revision(),
				Map.of("title", new FieldUpdate.Plain("bulk 1"))));
		for (int i = 0; i < 99; i++) {
			updates.add(new RecordUpdate(new RecordSelector.ById(3), null, Map.of()));
		}
		updates.add(new RecordUpdate(new RecordSelector.ById(2), two.revision(),
				Map.of("title", new FieldUpdate.Plain("bulk 2"))));

		List<UpdatedRecord> updated = target.updateRecords(updates);

		assertThat(updated).hasSize(101);
		assertThat(updated.get(0)).isEqualTo(new UpdatedRecord(1, one.revision() + 1));
		assertThat(updated.get(100)).isEqualTo(new UpdatedRecord(2, two.revision() + 1));
		assertThat(emulator.requestLog()).extracting(RequestLogEntry::method, RequestLogEntry::api)
			.containsExactly(tuple("POST", "bulkRequest"));
		assertThat(emulator.record(TARGET, 2).orElseThrow().text("title")).isEqualTo("bulk 2");
	}

	@Test
	void aStaleRevisionInTheSecondSubRequestIsAConflictAndUndoesTheFirst() {
		KintoneRecord one = target.record(1);
		KintoneRecord two = target.record(2);
		String title = emulator.record(TARGET, 1).orElseThrow().text("title");
		List<RecordUpdate> updates = new ArrayList<>();
		updates.add(new RecordUpdate(new RecordSelector.ById(1), one.revision(),
				Map.of("title", new FieldUpdate.Plain("not kept"))));
		for (int i = 0; i < 99; i++) {
			updates.add(new RecordUpdate(new RecordSelector.ById(3), null, Map.of()));
		}
		updates.add(new RecordUpdate(new RecordSelector.ById(2), two.revision() + 5,
				Map.of("title", new FieldUpdate.Plain("stale"))));

		assertThatThrownBy(() -> target.updateRecords(updates)).isInstanceOfSatisfying(KintoneApiException.class,
				ex -> {
					assertThat(ex.status()).isEqualTo(409);
					assertThat(ex.code()).isEqualTo("GAIA_CO02");
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getMessage()).contains("bulk sub-request 2 of 2");
				});
		assertThat(emulator.record(TARGET, 1).orElseThrow().revision()).isEqualTo(one.revision());
		assertThat(emulator.record(TARGET, 1).orElseThrow().text("title")).isEqualTo(title);
	}

	@Test
	void aGuestSpaceAppIsUpdatedThroughTheGuestSpacesBulkRequest() {
		try (KintoneClient guest = factory.open(EmulatorApps.connection(emulator.baseUrl(), EmulatorApps.GUEST,
				EmulatorApps.GUEST_SPACE, new Credentials.ApiTokens(List.of(new Secret(EmulatorApps.GUEST_TOKEN)))))) {
			KintoneRecord record = guest.record(1);

			guest.updateRecords(List.of(new RecordUpdate(new RecordSelector.ById(1), record.revision(),
					Map.of("title", new FieldUpdate.Plain("guest bulk")))));

			assertThat(emulator.record(EmulatorApps.GUEST, 1).orElseThrow().text("title")).isEqualTo("guest bulk");
			assertThat(emulator.requestLog()).last()
				.satisfies(entry -> assertThat(entry.path()).isEqualTo("/k/guest/5/v1/bulkRequest.json"));
		}
	}

	static String sha256(Path file) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[65536];
			for (int n; (n = in.read(buffer)) > 0;) {
				digest.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

}
