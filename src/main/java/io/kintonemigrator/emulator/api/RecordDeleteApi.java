package io.kintonemigrator.emulator.api;

import java.util.List;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.WriteTransaction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code DELETE records.json?app=&ids[]=&revisions[]=}: 1–100 records, all or nothing,
 * {@code {}}. Their files are deleted with them.
 */
final class RecordDeleteApi implements JsonApi {

	private static final LocalizedText TOO_MANY = new LocalizedText("一度に100件までのレコードを削除できます。",
			"A maximum of 100 records can be deleted at one time.");

	@Override
	public ObjectNode handle(ApiCall call) {
		AppDefinition app = call.requireApp(call.params().requiredId("app"), TokenPermission.DELETE);
		List<String> ids = call.params().strings("ids");
		if (ids.isEmpty()) {
			throw ValidationErrors.single("ids", LocalizedText.REQUIRED);
		}
		if (ids.size() > RecordWrites.MAX_RECORDS) {
			throw ValidationErrors.single("ids", TOO_MANY);
		}
		JsonNode revisions = call.params().node("revisions");
		WriteTransaction transaction = call.transaction();
		for (int i = 0; i < ids.size(); i++) {
			Long id = Params.parseLong(ids.get(i));
			if (id == null) {
				throw ValidationErrors.single("ids[" + i + "]", LocalizedText.NOT_A_NUMBER);
			}
			StoredRecord existing = transaction.record(app.id(), id);
			if (existing == null) {
				throw new ApiException(KintoneErrors.RECORD_NOT_FOUND, id);
			}
			if (revisions != null && revisions.isArray() && i < revisions.size()) {
				RecordWrites.checkRevision(existing, revisions.get(i));
			}
			transaction.delete(app.id(), id);
		}
		return Json.object();
	}

}
