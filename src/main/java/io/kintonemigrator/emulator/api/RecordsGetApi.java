package io.kintonemigrator.emulator.api;

import java.util.List;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.query.RecordQuery;
import io.kintonemigrator.emulator.store.StoredRecord;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET records.json?app=&query=&fields=&totalCount=}: at most 500 records (default
 * 100) from offset at most 10,000, default order {@code $id desc}, {@code totalCount} a
 * string or null (kintone-api.md §3.2).
 */
final class RecordsGetApi implements JsonApi {

	static final int DEFAULT_LIMIT = 100;

	@Override
	public ObjectNode handle(ApiCall call) {
		AppDefinition app = call.requireApp(call.params().requiredId("app"), TokenPermission.VIEW);
		String queryText = call.params().string("query");
		RecordQuery query = RecordQueries.parse(call, app, queryText);
		List<QueryableStoredRecord> matches = RecordQueries.matching(call.store().records(app.id()), app, query);
		int offset = query.offset().orElse(0);
		int limit = query.limit().orElse(DEFAULT_LIMIT);
		List<String> fields = call.params().strings("fields");
		ObjectNode json = Json.object();
		ArrayNode records = json.putArray("records");
		matches.stream()
			.skip(offset)
			.limit(limit)
			.map(QueryableStoredRecord::record)
			.forEach((StoredRecord record) -> records.add(RecordJson.write(app, record, fields)));
		if (call.params().bool("totalCount")) {
			json.put("totalCount", Integer.toString(matches.size()));
		}
		else {
			json.putNull("totalCount");
		}
		return json;
	}

}
