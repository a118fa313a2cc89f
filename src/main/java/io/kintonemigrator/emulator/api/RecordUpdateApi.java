package io.kintonemigrator.emulator.api;

import java.util.ArrayList;
import java.util.List;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.model.TokenPermission;
import io.kintonemigrator.emulator.store.StoredRecord;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.jspecify.annotations.Nullable;

/**
 * {@code PUT record.json} ({@code {"revision"}}) and {@code PUT records.json} (at most
 * 100, all or nothing, {@code {"records":[{id, revision[, operation]}]}},
 * {@code upsert}). A record is named by {@code id} or by {@code updateKey} on a unique
 * SINGLE_LINE_TEXT/NUMBER field, never both.
 */
final class RecordUpdateApi implements JsonApi {

	private static final LocalizedText TOO_MANY = new LocalizedText("一度に100件までのレコードを更新できます。",
			"A maximum of 100 records can be updated at one time.");

	private static final LocalizedText ID_XOR_UPDATE_KEY = new LocalizedText("idとupdateKeyはどちらか一方のみ指定してください。",
			"Specify either id or updateKey, not both.");

	private static final LocalizedText NOT_UNIQUE_KEY = new LocalizedText("重複禁止が設定された文字列（1行）または数値フィールドを指定してください。",
			"Specify a single-line text or number field that prohibits duplicate values.");

	private final boolean bulk;

	RecordUpdateApi(boolean bulk) {
		this.bulk = bulk;
	}

	@Override
	public ObjectNode handle(ApiCall call) {
		boolean upsert = this.bulk && call.params().bool("upsert");
		TokenPermission[] needed = upsert ? new TokenPermission[] { TokenPermission.EDIT, TokenPermission.ADD }
				: new TokenPermission[] { TokenPermission.EDIT };
		AppDefinition app = call.requireApp(call.params().requiredId("app"), needed);
		RecordWrites writes = new RecordWrites(call, app);
		ValidationErrors errors = new ValidationErrors();
		if (!this.bulk) {
			StoredRecord record = write(call, app, writes, call.params().asJson(), "", false, errors).record();
			errors.throwIfAny();
			return Json.object().put("revision", Long.toString(record.revision()));
		}
		List<JsonNode> entries = RecordAddApi.recordList(call.params().node("records"), TOO_MANY);
		List<Written> written = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			written.add(write(call, app, writes, entries.get(i), "records[" + i + "].", upsert, errors));
		}
		errors.throwIfAny();
		ObjectNode json = Json.object();
		ArrayNode records = json.putArray("records");
		for (Written entry : written) {
			ObjectNode result = records.addObject()
				.put("id", Long.toString(entry.record().id()))
				.put("revision", Long.toString(entry.record().revision()));
			if (upsert) {
				result.put("operation", entry.inserted() ? "INSERT" : "UPDATE");
			}
		}
		return json;
	}

	private Written write(ApiCall call, AppDefinition app, RecordWrites writes, JsonNode entry, String prefix,
			boolean upsert, ValidationErrors errors) {
		JsonNode id = entry.get("id");
		JsonNode updateKey = entry.get("updateKey");
		boolean hasId = id != null && !id.isNull();
		boolean hasKey = updateKey != null && !updateKey.isNull();
		if (hasId && hasKey) {
			throw ValidationErrors.single(prefix + "id", ID_XOR_UPDATE_KEY);
		}
		if (!hasId && !hasKey) {
			throw ValidationErrors.single(prefix + "id", LocalizedText.REQUIRED);
		}
		JsonNode recordJson = entry.get("record");
		if (hasId) {
			Long recordId = Params.asLong(id);
			if (recordId == null) {
				throw ValidationErrors.single(prefix + "id", LocalizedText.NOT_A_NUMBER);
			}
			StoredRecord existing = call.transaction().record(app.id(), recordId);
			if (existing == null) {
				if (upsert) {
					return new Written(writes.add(recordJson, prefix + "record.", errors), true);
				}
				throw new ApiException(KintoneErrors.RECORD_NOT_FOUND, recordId);
			}
			return new Written(writes.update(existing, recordJson, entry.get("revision"), prefix + "record.", errors),
					false);
		}
		String field = updateKeyField(app, updateKey, prefix);
		JsonNode keyValue = updateKey.get("value");
		String value = (keyValue != null && keyValue.isValueNode()) ? keyValue.asString() : "";
		List<StoredRecord> matches = value.isEmpty() ? List.of()
				: call.transaction().findByText(app.id(), field, value);
		if (matches.isEmpty()) {
			if (upsert) {
				return new Written(writes.add(withKey(recordJson, field, value), prefix + "record.", errors), true);
			}
			throw new ApiException(call.settings().updateKeyNotFound(), value);
		}
		return new Written(writes.update(matches.get(0), recordJson, entry.get("revision"), prefix + "record.", errors),
				false);
	}

	private static String updateKeyField(AppDefinition app, JsonNode updateKey, String prefix) {
		JsonNode field = updateKey.get("field");
		FieldDefinition definition = (field != null && field.isString()) ? app.field(field.stringValue()) : null;
		if (definition == null || !definition.unique()
				|| (definition.type() != FieldType.SINGLE_LINE_TEXT && definition.type() != FieldType.NUMBER)) {
			throw ValidationErrors.single(prefix + "updateKey.field", NOT_UNIQUE_KEY);
		}
		return definition.code();
	}

	/** An upsert insert through updateKey stores the key value in its field. */
	private static ObjectNode withKey(@Nullable JsonNode recordJson, String field, String value) {
		ObjectNode record = (recordJson != null && recordJson.isObject()) ? ((ObjectNode) recordJson).deepCopy()
				: Json.object();
		record.putObject(field).put("value", value);
		return record;
	}

	private record Written(StoredRecord record, boolean inserted) {
	}

}
