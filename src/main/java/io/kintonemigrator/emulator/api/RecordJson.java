package io.kintonemigrator.emulator.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;

import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;
import io.kintonemigrator.emulator.model.SystemFields;
import io.kintonemigrator.emulator.store.FieldValue;
import io.kintonemigrator.emulator.store.StoredFile;
import io.kintonemigrator.emulator.store.StoredRecord;
import io.kintonemigrator.emulator.store.StoredRow;
import io.kintonemigrator.emulator.store.UserRef;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.jspecify.annotations.Nullable;

/**
 * Renders stored records in kintone's read shape: {@code {code: {type, value}}}, every
 * value a string.
 */
final class RecordJson {

	private RecordJson() {
	}

	/**
	 * The record with every field, or only those named in {@code fields} when it is not
	 * empty.
	 */
	static ObjectNode write(AppDefinition app, StoredRecord record, Collection<String> fields) {
		ObjectNode json = Json.object();
		for (FieldDefinition field : app.fields().values()) {
			if (wanted(fields, field.code())) {
				json.set(field.code(), field(field, record.values().get(field.code())));
			}
		}
		String id = Long.toString(record.id());
		SystemFields.Codes codes = app.systemFields();
		system(json, fields, codes.recordNumber(), FieldType.RECORD_NUMBER, id);
		system(json, fields, codes.creator(), FieldType.CREATOR, record.creator());
		system(json, fields, codes.createdTime(), FieldType.CREATED_TIME, time(record.createdAt()));
		system(json, fields, codes.modifier(), FieldType.MODIFIER, record.modifier());
		system(json, fields, codes.updatedTime(), FieldType.UPDATED_TIME, time(record.updatedAt()));
		system(json, fields, SystemFields.ID, FieldType.__ID__, id);
		system(json, fields, SystemFields.REVISION, FieldType.__REVISION__, Long.toString(record.revision()));
		return json;
	}

	/** kintone's date-time format: UTC, minute precision, seconds always {@code 00}. */
	static String time(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MINUTES));
	}

	private static boolean wanted(Collection<String> fields, String code) {
		return fields.isEmpty() || fields.contains(code);
	}

	private static void system(ObjectNode json, Collection<String> fields, String code, FieldType type, Object value) {
		if (!wanted(fields, code)) {
			return;
		}
		ObjectNode field = json.putObject(code).put("type", type.name());
		if (value instanceof UserRef user) {
			field.putObject("value").put("code", user.code()).put("name", user.name());
		}
		else {
			field.put("value", value.toString());
		}
	}

	private static ObjectNode field(FieldDefinition definition, @Nullable FieldValue value) {
		ObjectNode json = Json.object().put("type", definition.type().name());
		switch (definition.type()) {
			case FILE -> {
				ArrayNode files = json.putArray("value");
				if (value instanceof FieldValue.Files stored) {
					stored.files().forEach((file) -> files.add(file(file)));
				}
			}
			case CHECK_BOX, MULTI_SELECT -> {
				ArrayNode options = json.putArray("value");
				if (value instanceof FieldValue.Options stored) {
					stored.values().forEach(options::add);
				}
			}
			case SUBTABLE -> {
				ArrayNode rows = json.putArray("value");
				if (value instanceof FieldValue.Table table) {
					table.rows().forEach((row) -> rows.add(row(definition.fields(), row)));
				}
			}
			default -> json.put("value", (value instanceof FieldValue.Text text) ? text.value() : "");
		}
		return json;
	}

	private static ObjectNode row(Map<String, FieldDefinition> innerFields, StoredRow row) {
		ObjectNode json = Json.object().put("id", Long.toString(row.id()));
		ObjectNode values = json.putObject("value");
		innerFields.values().forEach((inner) -> values.set(inner.code(), field(inner, row.values().get(inner.code()))));
		return json;
	}

	private static ObjectNode file(StoredFile file) {
		return Json.object()
			.put("contentType", file.contentType())
			.put("fileKey", file.fileKey())
			.put("name", file.name())
			.put("size", Long.toString(file.size()));
	}

}
