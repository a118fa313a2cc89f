package io.kintonemigrator.kintone;

import java.util.Map;

/**
 * One field of an app's form. {@code fields} holds the nested fields of a SUBTABLE and is
 * empty otherwise; {@code unique} is kintone's "prohibit duplicate values" (重複禁止).
 */
public record FieldProperty(String code, String type, String label, boolean required, boolean unique,
		Map<String, FieldProperty> fields) {

	public FieldProperty {
		fields = Map.copyOf(fields);
	}

	public boolean isSubtable() {
		return "SUBTABLE".equals(type);
	}

	public boolean isFile() {
		return "FILE".equals(type);
	}

}
