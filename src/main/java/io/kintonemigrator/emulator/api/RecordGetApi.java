package io.kintonemigrator.emulator.api;

import java.util.List;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.StoredRecord;

import tools.jackson.databind.node.ObjectNode;

/** {@code GET record.json?app=&id=}: {@code {"record":{…}}} or 404 {@code GAIA_RE01}. */
final class RecordGetApi implements JsonApi {

	@Override
	public ObjectNode handle(ApiCall call) {
		AppDefinition app = call.requireApp(call.params().requiredId("app"), TokenPermission.VIEW);
		long id = call.params().requiredId("id");
		StoredRecord record = call.store().record(app.id(), id);
		if (record == null) {
			throw new ApiException(KintoneErrors.RECORD_NOT_FOUND, id);
		}
		ObjectNode json = Json.object();
		json.set("record", RecordJson.write(app, record, List.of()));
		return json;
	}

}
