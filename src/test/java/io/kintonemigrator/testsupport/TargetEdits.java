package io.kintonemigrator.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.kintone.FileKey;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user editing records of the target app (app 2) through the kintone REST API, as the
 * kintone UI would: read the record ({@code GET record.json}), change it, and save it
 * with one {@code PUT record.json} carrying the revision read, never a bulk request
 * (which tests count as the migrator's updates). A 409 (someone, the migrator say, saved
 * the record in between) reads again, at most 10 times. Files go up and down through
 * {@code file.json}.
 * <p>
 * The app has the shape of the target of {@link MigrationApps} and of the reliability
 * suite: FILE {@code documents}, text {@code note}, table {@code lines} of
 * {@code item_no}, {@code memo} and FILE {@code drawing}. A save that changes the table
 * sends it whole, every row with its id and files, as kintone requires. Remembers the
 * memos {@link #editNote} wrote. Not thread-safe.
 */
public final class TargetEdits implements AutoCloseable {

	/** The target app. */
	public static final long APP = 2;

	private static final int ATTEMPTS = 10;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final OkHttpKintoneClientFactory factory = new OkHttpKintoneClientFactory();

	private final KintoneClient files;

	private final URI baseUrl;

	private final String apiToken;

	private final Path dir;

	private final Map<Long, String> memos = new LinkedHashMap<>();

	/**
	 * A user of the target app at {@code baseUrl} with {@code apiToken} (view and edit);
	 * files to upload are written under {@code dir}.
	 */
	public TargetEdits(URI baseUrl, String apiToken, Path dir) throws IOException {
		this.baseUrl = baseUrl;
		this.apiToken = apiToken;
		this.dir = Files.createDirectories(dir);
		this.files = this.factory.open(KintoneConnection.withApiToken(baseUrl, APP, apiToken));
	}

	/** A user of {@link MigrationApps}' target app. */
	public static TargetEdits of(KintoneEmulator emulator, Path dir) throws IOException {
		return new TargetEdits(emulator.baseUrl(), MigrationApps.TARGET_TOKEN, dir);
	}

	/** Replaces the document named {@code name} with other bytes under the same name. */
	public void replaceDocument(long record, String name, byte[] bytes) throws IOException {
		String upload = upload(name, bytes);
		editDocuments(record, documents -> replace(documents, name, upload));
	}

	/** Renames a document: the same bytes under another name. */
	public void renameDocument(long record, String name, String newName) {
		JsonNode file = find(read(record).path("documents").path("value"), name);
		Path copy = this.dir.resolve("renamed-" + record);
		this.files.download(new FileKey(file.path("fileKey").asString()), copy);
		String upload = this.files.upload(copy, newName, file.path("contentType").asString()).value();
		editDocuments(record, documents -> replace(documents, name, upload));
	}

	/** Removes the document named {@code name}. */
	public void removeDocument(long record, String name) {
		editDocuments(record, documents -> {
			List<String> keys = new ArrayList<>();
			documents.forEach(file -> {
				if (!file.path("name").asString().equals(name)) {
					keys.add(file.path("fileKey").asString());
				}
			});
			return keys;
		});
	}

	/** Adds a document after those the record holds. */
	public void addDocument(long record, String name, byte[] bytes) throws IOException {
		String upload = upload(name, bytes);
		editDocuments(record, documents -> {
			List<String> keys = keys(documents);
			keys.add(upload);
			return keys;
		});
	}

	/**
	 * Empties the drawing of the {@code lines} row whose {@code item_no} is
	 * {@code itemNo}, keeping every row.
	 */
	public void clearDrawing(long record, String itemNo) {
		save(record, (current, fields) -> copyLines(current, fields, (itemNoOfRow, row) -> {
			if (itemNo.equals(itemNoOfRow)) {
				row.putObject("drawing").putArray("value");
			}
		}));
	}

	/**
	 * Edits the target record whose {@code legacy_id} (= its id, seeded in order) is
	 * {@code record}: {@code note} becomes {@code "edited by a user: " + memo} and the
	 * {@code memo} of the target-only row "T" becomes {@code memo}.
	 */
	public void editNote(long record, String memo) {
		save(record, (current, fields) -> {
			if (current.path("legacy_id").path("value").asLong() != record) {
				throw new IllegalStateException("target record " + record + " has legacy_id "
						+ current.path("legacy_id").path("value").asString());
			}
			fields.putObject("note").put("value", "edited by a user: " + memo);
			copyLines(current, fields, (itemNo, row) -> {
				if ("T".equals(itemNo)) {
					row.putObject("memo").put("value", memo);
				}
			});
		});
		this.memos.put(record, memo);
	}

	/** Record → the memo {@link #editNote} wrote last. */
	public Map<Long, String> memos() {
		return Map.copyOf(this.memos);
	}

	@Override
	public void close() {
		this.files.close();
		this.factory.close();
	}

	/** Saves {@code documents} as {@code edit} maps the documents read to file keys. */
	private void editDocuments(long record, Function<List<JsonNode>, List<String>> edit) {
		save(record, (current, fields) -> {
			List<JsonNode> documents = new ArrayList<>();
			current.path("documents").path("value").forEach(documents::add);
			ArrayNode value = fields.putObject("documents").putArray("value");
			edit.apply(documents).forEach(key -> value.addObject().put("fileKey", key));
		});
	}

	/**
	 * Reads the record, lets {@code change} fill the fields to save from what it read,
	 * and saves them with the revision read; again on a 409.
	 */
	private void save(long record, BiConsumer<JsonNode, ObjectNode> change) {
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			JsonNode current = read(record);
			ObjectNode body = JSON.createObjectNode()
				.put("app", APP)
				.put("id", record)
				.put("revision", current.path("$revision").path("value").asLong());
			change.accept(current, body.putObject("record"));
			HttpResponse<String> answer = send("PUT", "/k/v1/record.json", JSON.writeValueAsString(body));
			if (answer.statusCode() == 200) {
				return;
			}
			if (answer.statusCode() != 409) {
				throw new IllegalStateException("editing target record " + record + " failed: " + answer.body());
			}
		}
		throw new IllegalStateException("target record " + record + " kept changing while a user edited it");
	}

	private JsonNode read(long record) {
		HttpResponse<String> answer = send("GET", "/k/v1/record.json?app=" + APP + "&id=" + record, null);
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("reading target record " + record + " failed: " + answer.body());
		}
		return JSON.readTree(answer.body()).path("record");
	}

	/**
	 * Copies table {@code lines} as read into {@code fields}: every row with its id,
	 * {@code item_no}, {@code memo} and the keys of its drawings; {@code change} then
	 * alters a row given its {@code item_no}.
	 */
	private static void copyLines(JsonNode current, ObjectNode fields, BiConsumer<String, ObjectNode> change) {
		ArrayNode rows = fields.putObject("lines").putArray("value");
		for (JsonNode row : current.path("lines").path("value")) {
			ObjectNode copy = rows.addObject().put("id", row.path("id").asString());
			ObjectNode values = copy.putObject("value");
			String itemNo = row.path("value").path("item_no").path("value").asString();
			values.putObject("item_no").put("value", itemNo);
			values.putObject("memo").put("value", row.path("value").path("memo").path("value").asString());
			ArrayNode drawing = values.putObject("drawing").putArray("value");
			row.path("value")
				.path("drawing")
				.path("value")
				.forEach(file -> drawing.addObject().put("fileKey", file.path("fileKey").asString()));
			change.accept(itemNo, values);
		}
	}

	private String upload(String name, byte[] bytes) throws IOException {
		Path file = Files.write(this.dir.resolve("upload-" + System.nanoTime()), bytes);
		return this.files.upload(file, name, "application/octet-stream").value();
	}

	private HttpResponse<String> send(String method, String path, @Nullable String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUrl.resolve(path))
			.header("X-Cybozu-API-Token", this.apiToken);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.GET();
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while editing target records", ex);
		}
	}

	private static List<String> keys(List<JsonNode> documents) {
		List<String> keys = new ArrayList<>();
		documents.forEach(file -> keys.add(file.path("fileKey").asString()));
		return keys;
	}

	private static List<String> replace(List<JsonNode> documents, String name, String replacement) {
		List<String> keys = new ArrayList<>();
		documents.forEach(file -> keys
			.add(file.path("name").asString().equals(name) ? replacement : file.path("fileKey").asString()));
		return keys;
	}

	private static JsonNode find(JsonNode documents, String name) {
		for (JsonNode file : documents) {
			if (file.path("name").asString().equals(name)) {
				return file;
			}
		}
		throw new IllegalStateException("no document named " + name);
	}

}
