package io.kintonemigrator.emulator.api;

import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.StoredRecord;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST record.json} ({@code {"id","revision"}}) and {@code POST records.json} (at
 * most 100, all or nothing, {@code {"ids","revisions"}}).
 */
final class RecordAddApi implements JsonApi {

	private static final LocalizedText TOO_MANY = new LocalizedText("一度に100件までのレコードを追加できます。",
			"A maximum of 100 records can be added at one time.");

	private final boolean bulk;

	RecordAddApi(boolean bulk) {
		this.bulk = bulk;
	}

	@Override
	public ObjectNode handle(ApiCall call) {
		AppDefinition app = call.requireApp(call.params().requiredId("app"), TokenPermission.ADD);
		ValidationErrors errors = new ValidationErrors();
		if (!this.bulk) {
			RecordWrites writes = new RecordWrites(call, app);
			StoredRecord record = writes.add(call.params().node("record"), "record.", errors);
			errors.throwIfAny();
			return Json.object()
				.put("id", Long.toString(record.id()))
				.put("revision", Long.toString(record.revision()));
		}
		List<JsonNode> entries = recordList(call.params().node("records"), TOO_MANY);
		RecordWrites writes = new RecordWrites(call, app);
		List<StoredRecord> added = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			added.add(writes.add(entries.get(i), "records[" + i + "].", errors));
		}
		errors.throwIfAny();
		ObjectNode json = Json.object();
		ArrayNode ids = json.putArray("ids");
		ArrayNode revisions = json.putArray("revisions");
		added.forEach((record) -> {
			ids.add(Long.toString(record.id()));
			revisions.add(Long.toString(record.revision()));
		});
		return json;
	}

	/** The {@code records} array: required, at most 100 entries. */
	static List<JsonNode> recordList(JsonNode node, LocalizedText tooMany) {
		if (node == null || !node.isArray() || node.isEmpty()) {
			throw ValidationErrors.single("records", LocalizedText.REQUIRED);
		}
		if (node.size() > RecordWrites.MAX_RECORDS) {
			throw ValidationErrors.single("records", tooMany);
		}
		List<JsonNode> entries = new ArrayList<>();
		node.values().forEach(entries::add);
		return entries;
	}

}
