package io.kintonemigrator.emulator.model;

import java.util.Collections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user-defined field of an app's form. A SUBTABLE holds its inner fields in
 * {@link #fields()}, in form order; no other type has inner fields.
 */
public record FieldDefinition(String code, String label, FieldType type, boolean required, boolean unique,
		List<String> options, Map<String, FieldDefinition> fields) {

	public FieldDefinition {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(type, "type");
		if (code.isBlank()) {
			throw new IllegalArgumentException("a field code must not be blank");
		}
		if (unique && type != FieldType.SINGLE_LINE_TEXT && type != FieldType.NUMBER && type != FieldType.LINK) {
			throw new IllegalArgumentException(
					"field '" + code + "' is " + type + ": only SINGLE_LINE_TEXT, NUMBER and LINK can be unique");
		}
		if (!type.isWritable()) {
			throw new IllegalArgumentException(
					"field '" + code + "' is a system field type (" + type + "); every app has those already");
		}
		if (type != FieldType.SUBTABLE && !fields.isEmpty()) {
			throw new IllegalArgumentException(
					"field '" + code + "' is " + type + ": only a SUBTABLE has inner fields");
		}
		for (FieldDefinition inner : fields.values()) {
			if (inner.type() == FieldType.SUBTABLE) {
				throw new IllegalArgumentException("SUBTABLE '" + code + "' cannot contain another SUBTABLE");
			}
		}
		options = List.copyOf(options);
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

	/** Whether the value is a list in kintone's JSON (CHECK_BOX, MULTI_SELECT). */
	public boolean isOptionList() {
		return type == FieldType.CHECK_BOX || type == FieldType.MULTI_SELECT;
	}

}
