package io.kintonemigrator.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user editing target records while the migration runs, through the kintone REST API as
 * the kintone UI would: read the record, change {@code note} and the {@code memo} of the
 * target-only row "T" (sending the whole table back, every row with its id and files, as
 * kintone requires), save with the revision read. A 409 (the migrator updated the record
 * in between) reads again. Remembers what it wrote, for
 * {@link ReliabilityDataSet#verify}. Not thread-safe.
 */
public final class TargetEdits {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final URI baseUrl;

	private final Map<Long, String> edits = new LinkedHashMap<>();

	public TargetEdits(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Edits the target record whose {@code legacy_id} (= its id, seeded in order) is
	 * {@code record}.
	 */
	void edit(long record, String memo) throws Exception {
		for (int attempt = 1; attempt <= 10; attempt++) {
			JsonNode current = JSON.readTree(send("GET", "/k/v1/record.json?app=2&id=" + record, null).body())
				.path("record");
			if (current.path("legacy_id").path("value").asLong() != record) {
				throw new IllegalStateException("target record " + record + " has legacy_id "
						+ current.path("legacy_id").path("value").asString());
			}
			ObjectNode body = JSON.createObjectNode()
				.put("app", 2)
				.put("id", record)
				.put("revision", current.path("$revision").path("value").asLong());
			ObjectNode fields = body.putObject("record");
			fields.putObject("note").put("value", "edited by a user: " + memo);
			ArrayNode rows = fields.putObject("lines").putArray("value");
			for (JsonNode row : current.path("lines").path("value")) {
				ObjectNode copy = rows.addObject().put("id", row.path("id").asString());
				ObjectNode values = copy.putObject("value");
				String itemNo = row.path("value").path("item_no").path("value").asString();
				values.putObject("item_no").put("value", itemNo);
				values.putObject("memo")
					.put("value", "T".equals(itemNo) ? memo : row.path("value").path("memo").path("value").asString());
				ArrayNode files = values.putObject("drawing").putArray("value");
				row.path("value")
					.path("drawing")
					.path("value")
					.forEach(file -> files.addObject().put("fileKey", file.path("fileKey").asString()));
			}
			HttpResponse<String> answer = send("PUT", "/k/v1/record.json", JSON.writeValueAsString(body));
			if (answer.statusCode() == 200) {
				edits.put(record, memo);
				return;
			}
			if (answer.statusCode() != 409) {
				throw new IllegalStateException("editing target record " + record + " failed: " + answer.body());
			}
		}
		throw new IllegalStateException("target record " + record + " kept changing while a user edited it");
	}

	/** Record → the memo written (the note is {@code "edited by a user: " + memo}). */
	Map<Long, String> edits() {
		return Map.copyOf(edits);
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
			.header("X-Cybozu-API-Token", ReliabilityDataSet.TARGET_TOKEN);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.GET();
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
