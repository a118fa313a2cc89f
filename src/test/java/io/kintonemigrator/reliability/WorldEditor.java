package io.kintonemigrator.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import io.kintonemigrator.emulator.KintoneEmulator;
import io.kintonemigrator.kintone.KintoneClient;
import io.kintonemigrator.kintone.KintoneConnection;
import io.kintonemigrator.kintone.okhttp.OkHttpKintoneClientFactory;
import io.kintonemigrator.testsupport.Sha256;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The users of the changing-world suite: they edit both apps through the kintone REST API
 * as kintone's UI does: read the record, change it, send the changed fields back with the
 * revision read (a FILE value as the list of the file keys it keeps plus new upload keys,
 * a table as every row with its id), and on 409 (someone, usually the migrator, saved in
 * between) read again and redo the change.
 *
 * <p>
 * Source edits ({@link #editSource}) of one random record: add a file, delete a file,
 * rename a file (same bytes under a new name: a delete and an add), reorder the files of
 * a FILE value, add a table row (a new, never reused row key) with a file, delete a row,
 * reorder the rows. Target edits ({@link #editTarget}): change {@code note} and the
 * {@code memo} of the target-only row "T"; in {@code append} mode also add a file of the
 * user's to a mapped FILE field, or remove one of the user's own files from it. Every
 * target edit that kintone accepted is recorded in the {@link WorldModel}. Thread-safe by
 * confinement: one thread edits at a time (the test's thread between runs, its user
 * thread while a run goes); the model is thread-safe.
 */
final class WorldEditor implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_CONFLICTS = 30;

	private final KintoneEmulator emulator;

	private final Path dir;

	private final WorldModel model;

	private final HttpClient http = HttpClient.newHttpClient();

	private final OkHttpKintoneClientFactory factory = new OkHttpKintoneClientFactory();

	private final KintoneClient sourceUploads;

	private final KintoneClient targetUploads;

	private final Map<Long, Integer> nextRowKey = new HashMap<>();

	private final AtomicLong uniques = new AtomicLong();

	private final List<String> log = Collections.synchronizedList(new ArrayList<>());

	WorldEditor(KintoneEmulator emulator, Path dir, WorldModel model) throws IOException {
		this.emulator = emulator;
		this.dir = Files.createDirectories(dir);
		this.model = model;
		this.sourceUploads = factory
			.open(KintoneConnection.withApiToken(emulator.baseUrl(), WorldApps.SOURCE_APP, WorldApps.EDITOR_TOKEN));
		this.targetUploads = factory
			.open(KintoneConnection.withApiToken(emulator.baseUrl(), WorldApps.TARGET_APP, WorldApps.TARGET_TOKEN));
	}

	/** Every edit kintone accepted, in order, as one line each. */
	List<String> log() {
		synchronized (log) {
			return List.copyOf(log);
		}
	}

	/** One random edit of source record {@code id}. */
	void editSource(Random random, long id) throws Exception {
		int kind = random.nextInt(7);
		long seedOfEdit = random.nextLong();
		String[] what = new String[1];
		modify(WorldApps.SOURCE_APP, id, WorldApps.EDITOR_TOKEN, current -> {
			Random r = new Random(seedOfEdit); // the same choice on every retry
			Editable record = new Editable(current, "items", List.of("item_no"));
			what[0] = sourceEdit(record, kind, r, id);
			return record.body(List.of("attachments", "extras"), "items");
		});
		log.add("source " + id + ": " + what[0]);
	}

	private String sourceEdit(Editable record, int kind, Random r, long id) throws IOException {
		List<List<FileRef>> cells = new ArrayList<>();
		List<String> cellNames = new ArrayList<>();
		for (String field : List.of("attachments", "extras")) {
			cells.add(record.files.get(field));
			cellNames.add(field);
		}
		for (Row row : record.rows) {
			cells.add(row.files);
			cellNames.add("items[" + row.texts.get("item_no") + "].drawing");
		}
		List<Integer> nonEmpty = new ArrayList<>();
		List<Integer> several = new ArrayList<>();
		for (int i = 0; i < cells.size(); i++) {
			if (!cells.get(i).isEmpty()) {
				nonEmpty.add(i);
			}
			if (cells.get(i).size() >= 2) {
				several.add(i);
			}
		}
		switch (kind) {
			case 1 -> {
				if (!nonEmpty.isEmpty()) {
					int c = nonEmpty.get(r.nextInt(nonEmpty.size()));
					FileRef removed = cells.get(c).remove(r.nextInt(cells.get(c).size()));
					return "delete " + removed.name + " from " + cellNames.get(c);
				}
			}
			case 2 -> {
				if (!nonEmpty.isEmpty()) {
					int c = nonEmpty.get(r.nextInt(nonEmpty.size()));
					FileRef old = cells.get(c).remove(r.nextInt(cells.get(c).size()));
					byte[] bytes;
					try (InputStream in = emulator.openFile(old.key)) {
						bytes = in.readAllBytes();
					}
					String name = "改名_" + uniques.incrementAndGet() + "_" + old.name;
					cells.get(c).add(new FileRef(upload(sourceUploads, name, bytes), name));
					return "rename " + old.name + " to " + name + " in " + cellNames.get(c);
				}
			}
			case 3 -> {
				if (!several.isEmpty()) {
					int c = several.get(r.nextInt(several.size()));
					Collections.reverse(cells.get(c));
					return "reverse the files of " + cellNames.get(c);
				}
			}
			case 4 -> {
				int key = nextRowKey.merge(id, 1, Integer::sum) + 10;
				Row row = new Row(null, new LinkedHashMap<>(Map.of("item_no", "R" + key)), new ArrayList<>());
				String name = WorldApps.name(r, id + "-" + key + "-new" + uniques.incrementAndGet());
				row.files.add(new FileRef(upload(sourceUploads, name, WorldApps.bytes(r)), name));
				record.rows.add(r.nextInt(record.rows.size() + 1), row);
				return "add row R" + key + " with " + name;
			}
			case 5 -> {
				if (!record.rows.isEmpty()) {
					Row removed = record.rows.remove(r.nextInt(record.rows.size()));
					return "delete row " + removed.texts.get("item_no");
				}
			}
			case 6 -> {
				if (record.rows.size() >= 2) {
					Collections.reverse(record.rows);
					return "reverse the rows";
				}
			}
			default -> {
				// add a file (also the fallback of an edit the record gives no room for)
			}
		}
		int c = r.nextInt(cells.size());
		String name = WorldApps.name(r, id + "-new" + uniques.incrementAndGet());
		cells.get(c).add(new FileRef(upload(sourceUploads, name, WorldApps.bytes(r)), name));
		return "add " + name + " to " + cellNames.get(c);
	}

	/**
	 * One edit of target record {@code id}: {@code note} and row "T"'s {@code memo}; with
	 * {@code userFiles} (append mode) half the time also a file of the user's added to
	 * {@code documents} (or {@code archive} once it is mapped), and half the time one of
	 * the user's own files removed from it, if it holds one.
	 */
	void editTarget(Random random, long id, boolean userFiles, boolean archiveMapped) throws Exception {
		long stamp = uniques.incrementAndGet();
		boolean addFile = userFiles && random.nextBoolean();
		boolean removeFile = userFiles && random.nextBoolean();
		String cell = archiveMapped && random.nextBoolean() ? "archive" : "documents";
		String fileName = "利用者追加_" + id + "_" + stamp + ".txt";
		byte[] bytes = WorldApps.bytes(random);
		String key = addFile ? upload(targetUploads, fileName, bytes) : null;
		String note = "edited by a user " + stamp;
		String memo = "memo by a user " + stamp;
		boolean[] hadRowT = new boolean[1];
		String[] removed = new String[1];
		modify(WorldApps.TARGET_APP, id, WorldApps.TARGET_TOKEN, current -> {
			Editable record = new Editable(current, "lines", List.of("item_no", "memo"));
			hadRowT[0] = false;
			removed[0] = removeFile ? removeOwnFile(id, cell, record.files.get(cell)) : null;
			for (Row row : record.rows) {
				if ("T".equals(row.texts.get("item_no"))) {
					row.texts.put("memo", memo);
					hadRowT[0] = true;
				}
			}
			if (key != null) {
				record.files.get(cell).add(new FileRef(key, fileName));
			}
			ObjectNode body = record.body(key != null || removed[0] != null ? List.of(cell) : List.of(), "lines");
			body.putObject("note").put("value", note);
			return body;
		});
		model.noteEdited(id, note);
		if (hadRowT[0]) {
			model.memoEdited(id, "T", memo);
		}
		if (removed[0] != null) {
			model.userFileRemoved(id, cell, removed[0]);
		}
		if (key != null) {
			model.userFileAdded(id, cell, fileName + ":" + Sha256.hex(bytes));
		}
		log.add("target " + id + ": note, memo of T"
				+ (removed[0] != null ? ", remove " + removed[0] + " from " + cell : "")
				+ (key != null ? ", add " + fileName + " to " + cell : ""));
	}

	/**
	 * Takes one of the user's own files (a {@link WorldModel} user file of the cell,
	 * found by name and SHA-256 of what the record holds under that key) out of
	 * {@code files}; returns its {@code name:SHA-256}, or null when the cell holds none.
	 */
	private String removeOwnFile(long id, String cell, List<FileRef> files) {
		List<String> own = new ArrayList<>(model.userFiles(id, cell));
		Map<String, String> shaByKey = new HashMap<>();
		emulator.record(WorldApps.TARGET_APP, id)
			.orElseThrow()
			.files(cell)
			.forEach(file -> shaByKey.put(file.fileKey(), file.sha256()));
		for (int i = 0; i < files.size(); i++) {
			String file = files.get(i).name + ":" + shaByKey.get(files.get(i).key);
			if (own.contains(file)) {
				files.remove(i);
				return file;
			}
		}
		return null;
	}

	/**
	 * Reads, changes (again after every 409) and saves one record with the revision read.
	 */
	private void modify(long app, long id, String token, Change change) throws Exception {
		for (int attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
			HttpResponse<String> read = send("GET", "/k/v1/record.json?app=" + app + "&id=" + id, token, null);
			if (read.statusCode() != 200) {
				throw new IllegalStateException("reading record " + id + " of app " + app + ": " + read.body());
			}
			JsonNode current = JSON.readTree(read.body()).path("record");
			ObjectNode body = JSON.createObjectNode()
				.put("app", app)
				.put("id", id)
				.put("revision", current.path("$revision").path("value").asLong());
			body.set("record", change.apply(current));
			HttpResponse<String> answer = send("PUT", "/k/v1/record.json", token, JSON.writeValueAsString(body));
			if (answer.statusCode() == 200) {
				return;
			}
			if (answer.statusCode() != 409) {
				throw new IllegalStateException("saving record " + id + " of app " + app + " failed: "
						+ answer.statusCode() + " " + answer.body());
			}
		}
		throw new IllegalStateException("record " + id + " of app " + app + " kept changing while a user edited it");
	}

	private String upload(KintoneClient client, String name, byte[] bytes) throws IOException {
		Path file = Files.write(dir.resolve("upload-" + uniques.incrementAndGet()), bytes);
		try {
			return client.upload(file, name, "application/octet-stream").value();
		}
		finally {
			Files.delete(file);
		}
	}

	private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
			.header("X-Cybozu-API-Token", token);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		else {
			request.GET();
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		sourceUploads.close();
		targetUploads.close();
		factory.close();
	}

	@FunctionalInterface
	private interface Change {

		ObjectNode apply(JsonNode current) throws IOException;

	}

	private record FileRef(String key, String name) {
	}

	/**
	 * A row as read: its id (null for a new row), text values and the files of its FILE
	 * column.
	 */
	private record Row(String id, Map<String, String> texts, List<FileRef> files) {
	}

	/** A record as read, to be changed and sent back: its FILE values and one table. */
	private static final class Editable {

		private final Map<String, List<FileRef>> files = new HashMap<>();

		private final List<Row> rows = new ArrayList<>();

		private final List<String> textColumns;

		Editable(JsonNode record, String table, List<String> textColumns) {
			this.textColumns = textColumns;
			record.properties().forEach(field -> {
				if ("FILE".equals(field.getValue().path("type").asString())) {
					files.put(field.getKey(), refs(field.getValue()));
				}
			});
			for (JsonNode row : record.path(table).path("value")) {
				Map<String, String> texts = new LinkedHashMap<>();
				textColumns.forEach(code -> texts.put(code, row.path("value").path(code).path("value").asString()));
				rows.add(new Row(row.path("id").asString(), texts, refs(row.path("value").path("drawing"))));
			}
		}

		private static List<FileRef> refs(JsonNode value) {
			List<FileRef> refs = new ArrayList<>();
			value.path("value")
				.forEach(file -> refs.add(new FileRef(file.path("fileKey").asString(), file.path("name").asString())));
			return refs;
		}

		/** The fields to send: the given FILE fields and the whole table. */
		ObjectNode body(List<String> fileFields, String table) {
			ObjectNode body = JSON.createObjectNode();
			fileFields.forEach(code -> keys(body.putObject(code).putArray("value"), files.get(code)));
			ArrayNode tableRows = body.putObject(table).putArray("value");
			for (Row row : rows) {
				ObjectNode json = tableRows.addObject();
				if (row.id != null) {
					json.put("id", row.id);
				}
				ObjectNode values = json.putObject("value");
				textColumns.forEach(code -> values.putObject(code).put("value", row.texts.get(code)));
				keys(values.putObject("drawing").putArray("value"), row.files);
			}
			return body;
		}

		private static void keys(ArrayNode array, List<FileRef> refs) {
			refs.forEach(ref -> array.addObject().put("fileKey", ref.key));
		}

	}

}
