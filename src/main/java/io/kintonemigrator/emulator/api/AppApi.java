package io.kintonemigrator.emulator.api;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.store.UserRef;

import tools.jackson.databind.node.ObjectNode;

/** {@code GET app.json?id=}: the app's settings summary (kintone-api.md §5). */
final class AppApi implements JsonApi {

	@Override
	public ObjectNode handle(ApiCall call) {
		AppDefinition app = call.requireAppSettingsReadable(call.params().requiredId("id"));
		ObjectNode json = Json.object()
			.put("appId", Long.toString(app.id()))
			.put("code", "")
			.put("name", app.name())
			.put("description", "");
		if (app.guestSpaceId() != null) {
			json.put("spaceId", app.guestSpaceId().toString()).put("threadId", app.guestSpaceId().toString());
		}
		else {
			json.putNull("spaceId").putNull("threadId");
		}
		String created = RecordJson.time(app.createdAt());
		json.put("createdAt", created);
		json.putObject("creator").put("code", UserRef.API_TOKEN.code()).put("name", UserRef.API_TOKEN.name());
		json.put("modifiedAt", created);
		json.putObject("modifier").put("code", UserRef.API_TOKEN.code()).put("name", UserRef.API_TOKEN.name());
		return json;
	}

}
