package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kintonemigrator.emulator.AppSeed;
import io.kintonemigrator.emulator.EmulatorSeed;
import io.kintonemigrator.emulator.FieldSpec;
import io.kintonemigrator.emulator.FileContent;
import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.emulator.model.SystemFields;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.observe.RequestLogEntry;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.kintone.FieldUpdate;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.RecordUpdate;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;

/**
 * Two small apps for incremental runs: source app 1 ({@code title}, FILE
 * {@code attachments}) with records seeded two days ago, one file each; target app 2
 * ({@code legacy_id} unique = source {@code $id}, FILE {@code documents}) with a record
 * for every source record, including the ones a test adds later. Source edits go through
 * the REST API with an editor token, like a user's, so kintone (the emulator) sets
 * UPDATED_TIME.
 */
public final class IncrementalApps {

	public static final String JOB_TOKEN = "incremental-source-view";

	public static final String EDITOR_TOKEN = "incremental-source-edit";

	public static final String TARGET_TOKEN = "incremental-target";

	private IncrementalApps() {
	}

	public static EmulatorSeed seed(int records, int targetRecords) {
		return seed(records, targetRecords, SystemFields.Codes.JAPANESE);
	}

	/**
	 * The apps, with the system field codes of a domain in one language (更新日時 or
	 * Updated_datetime).
	 */
	public static EmulatorSeed seed(int records, int targetRecords, SystemFields.Codes systemFields) {
		Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
		AppSeed.Builder source = AppSeed.builder(1, "案件")
			.systemFields(systemFields)
			.field(FieldSpec.singleLineText("title"))
			.field(FieldSpec.file("attachments"))
			.apiToken(JOB_TOKEN, TokenPermission.VIEW)
			.apiToken(EDITOR_TOKEN, TokenPermission.VIEW, TokenPermission.ADD, TokenPermission.EDIT);
		for (int i = 1; i <= records; i++) {
			int n = i;
			source.record(r -> r.createdAt(twoDaysAgo)
				.text("title", "案件 " + n)
				.file("attachments", "報告書_" + n + ".pdf", "application/pdf", FileContent.generated(1_000 + n, n)));
		}
		AppSeed.Builder target = AppSeed.builder(2, "アーカイブ")
			.systemFields(systemFields)
			.field(FieldSpec.number("legacy_id").unique())
			.field(FieldSpec.file("documents"))
			.apiToken(TARGET_TOKEN, TokenPermission.VIEW, TokenPermission.EDIT);
		for (int i = 1; i <= targetRecords; i++) {
			int n = i;
			target.record(r -> r.createdAt(twoDaysAgo).number("legacy_id", n));
		}
		return EmulatorSeed.builder().app(source.build()).app(target.build()).build();
	}

	public static Path jobFile(Path dir, KintoneEmulator emulator, String name, String onExisting) throws IOException {
		return Files.writeString(dir.resolve(name + ".yml"), """
				name: %s
				source: { baseUrl: "%s", app: 1, apiToken: %s }
				target: { baseUrl: "%s", app: 2, apiToken: %s }
				match: { source: $id, target: legacy_id }
				files:
				  - { from: attachments, to: documents }
				onExisting: %s
				limits: { concurrency: 4, requestsPerSecond: 1000, chunkSize: 10 }
				""".formatted(name, emulator.baseUrl(), JOB_TOKEN, emulator.baseUrl(), TARGET_TOKEN, onExisting));
	}

	/** "name:sha256" of the target record's documents. */
	public static List<String> targetDocuments(KintoneEmulator emulator, long legacyId) {
		return MigrationApps.hashes(MigrationApps.targets(emulator).get(legacyId).files("documents"));
	}

	public static List<String> sourceDocuments(KintoneEmulator emulator, long record) {
		return MigrationApps.sourceDocuments(emulator, record);
	}

	/** Download keys of the files requested since the request log was cleared. */
	public static List<String> downloadedKeys(KintoneEmulator emulator) {
		List<String> keys = new ArrayList<>();
		for (RequestLogEntry entry : emulator.requestLog()) {
			if ("GET".equals(entry.method()) && "file".equals(entry.api())) {
				keys.add(entry.path());
			}
		}
		return keys;
	}

	/** Edits the source app like a user: through the REST API with the editor token. */
	public static final class Editor implements AutoCloseable {

		private final KintoneEmulator emulator;

		private final OkHttpKintoneClientFactory factory = new OkHttpKintoneClientFactory();

		private final KintoneClient client;

		private final Path dir;

		public Editor(KintoneEmulator emulator, Path dir) {
			this.emulator = emulator;
			this.client = factory.open(KintoneConnection.withApiToken(emulator.baseUrl(), 1, EDITOR_TOKEN));
			this.dir = dir;
		}

		/** Adds a file to the record's attachments, keeping its files. */
		public void addFile(long record, String name, String content) throws IOException {
			List<FileKey> keys = new ArrayList<>(currentKeys(record));
			keys.add(upload(name, content));
			update(record, Map.of("attachments", new FieldUpdate.Files(keys)));
		}

		/** Replaces the record's files with one new file. */
		public void replaceFiles(long record, String name, String content) throws IOException {
			update(record, Map.of("attachments", new FieldUpdate.Files(List.of(upload(name, content)))));
		}

		/**
		 * Removes the record's first file of that name, keeping the others (no new
		 * upload).
		 */
		public void removeFile(long record, String name) {
			List<StoredFile> files = new ArrayList<>(emulator.record(1, record).orElseThrow().files("attachments"));
			files.remove(files.stream().filter(file -> file.name().equals(name)).findFirst().orElseThrow());
			update(record, Map.of("attachments",
					new FieldUpdate.Files(files.stream().map(StoredFile::fileKey).map(FileKey::new).toList())));
		}

		public void retitle(long record, String title) {
			update(record, Map.of("title", new FieldUpdate.Plain(title)));
		}

		/** Adds a record with one file; returns its id. */
		public long addRecord(String title, String fileName, String content) throws Exception {
			FileKey key = upload(fileName, content);
			String body = """
					{"app": 1, "record": {"title": {"value": "%s"}, "attachments": {"value": [{"fileKey": "%s"}]}}}"""
				.formatted(title, key.value());
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/k/v1/record.json"))
					.header("X-Cybozu-API-Token", EDITOR_TOKEN)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("adding a record: " + response.statusCode() + " " + response.body());
			}
			String id = response.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"(\\d+)\".*", "$1");
			return Long.parseLong(id);
		}

		private List<FileKey> currentKeys(long record) {
			return emulator.record(1, record)
				.orElseThrow()
				.files("attachments")
				.stream()
				.map(StoredFile::fileKey)
				.map(FileKey::new)
				.toList();
		}

		private FileKey upload(String name, String content) throws IOException {
			Path file = Files.writeString(dir.resolve("upload-" + System.nanoTime()), content);
			return client.upload(file, name, "text/plain");
		}

		private void update(long record, Map<String, FieldUpdate> fields) {
			client.updateRecords(List.of(new RecordUpdate(new RecordUpdate.RecordSelector.ById(record), null, fields)));
		}

		@Override
		public void close() {
			client.close();
			factory.close();
		}

	}

}
