package io.kintonemigrator.kintone;

import java.util.Objects;

import java.util.Map;
import java.util.Optional;

/**
 * An app's form: top-level fields by code (SUBTABLE fields carry their nested fields).
 */
public record FormFields(Map<String, FieldProperty> properties, long revision) {

	public FormFields {
		properties = Map.copyOf(properties);
	}

	/** A top-level field, or a field inside a SUBTABLE, by its code. */
	public Optional<FieldProperty> find(String code) {
		FieldProperty top = properties.get(code);
		if (top != null) {
			return Optional.of(top);
		}
		return properties.values()
			.stream()
			.filter(FieldProperty::isSubtable)
			.map(table -> table.fields().get(code))
			.filter(Objects::nonNull)
			.findFirst();
	}

}
