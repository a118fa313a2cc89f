package io.kintonemigrator.emulator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.kintonemigrator.emulator.api.RecordPatch.RowPatch;
import io.kintonemigrator.emulator.api.RecordPatch.ValuePatch;
import io.kintonemigrator.emulator.model.AppDefinition;
import io.kintonemigrator.emulator.model.FieldDefinition;
import io.kintonemigrator.emulator.model.FieldType;

import tools.jackson.databind.JsonNode;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code record} object of a write request. Unknown field codes and system
 * fields are ignored, as kintone does; a value of the wrong shape becomes a
 * {@code CB_VA01} entry under {@code <prefix><code>.value}.
 */
final class RecordPatchReader {

	private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

	private static final LocalizedText INVALID = new LocalizedText("値が不正です。", "Invalid value.");

	private RecordPatchReader() {
	}

	static RecordPatch read(AppDefinition app, @Nullable JsonNode record, String prefix, ValidationErrors errors) {
		if (record == null || record.isNull()) {
			return RecordPatch.empty();
		}
		if (!record.isObject()) {
			errors.add(prefix.isEmpty() ? "record" : prefix.substring(0, prefix.length() - 1), INVALID);
			return RecordPatch.empty();
		}
		return new RecordPatch(values(app.fields(), record, prefix, errors));
	}

	private static Map<String, ValuePatch> values(Map<String, FieldDefinition> fields, JsonNode record, String prefix,
			ValidationErrors errors) {
		Map<String, ValuePatch> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : record.properties()) {
			FieldDefinition field = fields.get(entry.getKey());
			JsonNode wrapper = entry.getValue();
			if (field == null || !wrapper.isObject() || !wrapper.has("value")) {
				continue;
			}
			ValuePatch value = value(field, wrapper.get("value"), prefix + field.code(), errors);
			if (value != null) {
				values.put(field.code(), value);
			}
		}
		return values;
	}

	private static @Nullable ValuePatch value(FieldDefinition field, JsonNode value, String key,
			ValidationErrors errors) {
		switch (field.type()) {
			case FILE:
				return files(value, key, errors);
			case SUBTABLE:
				return table(field, value, key, errors);
			case CHECK_BOX:
			case MULTI_SELECT:
				if (!value.isArray() && !value.isNull()) {
					errors.add(key + ".values", INVALID);
					return null;
				}
				List<String> options = new ArrayList<>();
				value.values().forEach((option) -> options.add(option.asString()));
				return new ValuePatch.Options(options);
			default:
				if (value.isNull()) {
					return new ValuePatch.Text("");
				}
				if (!value.isValueNode()) {
					errors.add(key + ".value", INVALID);
					return null;
				}
				String text = value.asString();
				if (field.type() == FieldType.NUMBER && !text.isEmpty() && !NUMBER.matcher(text).matches()) {
					errors.add(key + ".value", LocalizedText.NOT_A_NUMBER);
					return null;
				}
				return new ValuePatch.Text(text);
		}
	}

	private static @Nullable ValuePatch files(JsonNode value, String key, ValidationErrors errors) {
		if (value.isNull()) {
			return new ValuePatch.Files(List.of());
		}
		if (!value.isArray()) {
			errors.add(key + ".value", INVALID);
			return null;
		}
		List<String> keys = new ArrayList<>();
		int index = 0;
		for (JsonNode file : value.values()) {
			JsonNode fileKey = file.isObject() ? file.get("fileKey") : null;
			if (fileKey == null || !fileKey.isString() || fileKey.stringValue().isEmpty()) {
				errors.add(key + ".value[" + index + "].fileKey", LocalizedText.REQUIRED);
			}
			else {
				keys.add(fileKey.stringValue());
			}
			index++;
		}
		return new ValuePatch.Files(keys);
	}

	private static @Nullable ValuePatch table(FieldDefinition table, JsonNode value, String key,
			ValidationErrors errors) {
		if (value.isNull()) {
			return new ValuePatch.Table(List.of());
		}
		if (!value.isArray()) {
			errors.add(key + ".value", INVALID);
			return null;
		}
		List<RowPatch> rows = new ArrayList<>();
		int index = 0;
		for (JsonNode row : value.values()) {
			String rowKey = key + ".value[" + index++ + "]";
			if (!row.isObject()) {
				errors.add(rowKey, INVALID);
				continue;
			}
			JsonNode id = row.get("id");
			Long rowId = (id != null && !id.isNull()) ? Params.asLong(id) : null;
			JsonNode inner = row.get("value");
			Map<String, ValuePatch> values = (inner != null && inner.isObject())
					? values(table.fields(), inner, rowKey + ".value.", errors) : Map.of();
			rows.add(new RowPatch(rowId, values));
		}
		return new ValuePatch.Table(rows);
	}

}
