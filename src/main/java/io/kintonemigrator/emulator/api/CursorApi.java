package io.kintonemigrator.emulator.api;

import java.util.List;

import io.kintonemigrator.emulator.api.CursorRegistry.Cursor;
import io.kintonemigrator.emulator.api.CursorRegistry.Page;
import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.query.RecordQuery;
import io.kintonemigrator.emulator.store.StoredRecord;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code records/cursor.json} (kintone-api.md §3.4): POST creates a cursor over the
 * records a query selects ({@code size} 1–500, default 100; {@code order by} allowed,
 * {@code limit}/{@code offset} not) and answers {@code {id, totalCount}}; GET answers the
 * next page {@code {records, next}} with the records' current values; DELETE answers
 * {@code {}}.
 */
final class CursorApi {

	static final int DEFAULT_SIZE = 100;

	static final int MAX_SIZE = 500;

	private static final LocalizedText SIZE_RANGE = new LocalizedText("1から500までの数値を指定してください。",
			"Enter a number between 1 and 500.");

	private static final LocalizedText NO_LIMIT_OFFSET = new LocalizedText("カーソルのクエリにはlimitとoffsetを指定できません。",
			"A cursor query cannot have limit or offset.");

	private CursorApi() {
	}

	static ObjectNode create(ApiCall call) {
		AppDefinition app = call.requireApp(call.params().requiredId("app"), TokenPermission.VIEW);
		int size = size(call.params());
		RecordQuery query = RecordQueries.parse(call, app, call.params().string("query"));
		if (query.limit().isPresent() || query.offset().isPresent()) {
			throw ValidationErrors.single("query", NO_LIMIT_OFFSET);
		}
		List<Long> ids = RecordQueries.matching(call.store().records(app.id()), app, query)
			.stream()
			.map((record) -> record.record().id())
			.toList();
		Cursor cursor = call.context().cursors().create(app.id(), ids, call.params().strings("fields"), size);
		return Json.object().put("id", cursor.id).put("totalCount", Integer.toString(ids.size()));
	}

	static ObjectNode read(ApiCall call) {
		Cursor cursor = call.context().cursors().get(cursorId(call));
		AppDefinition app = call.requireApp(cursor.appId, TokenPermission.VIEW);
		Page page = call.context().cursors().next(cursor);
		ObjectNode json = Json.object();
		ArrayNode records = json.putArray("records");
		for (long id : page.recordIds()) {
			StoredRecord record = call.store().record(app.id(), id);
			if (record != null) {
				records.add(RecordJson.write(app, record, cursor.fields));
			}
		}
		json.put("next", page.next());
		return json;
	}

	static ObjectNode delete(ApiCall call) {
		String id = cursorId(call);
		Cursor cursor = call.context().cursors().get(id);
		call.requireApp(cursor.appId, TokenPermission.VIEW);
		call.context().cursors().delete(id);
		return Json.object();
	}

	private static String cursorId(ApiCall call) {
		String id = call.params().string("id");
		if (id == null || id.isEmpty()) {
			throw ValidationErrors.single("id", LocalizedText.REQUIRED);
		}
		return id;
	}

	private static int size(Params params) {
		if (!params.has("size")) {
			return DEFAULT_SIZE;
		}
		Long size = params.optionalLong("size");
		if (size == null || size < 1 || size > MAX_SIZE) {
			throw ValidationErrors.single("size", SIZE_RANGE);
		}
		return size.intValue();
	}

}
