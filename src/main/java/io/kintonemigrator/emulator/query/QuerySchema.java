package io.kintonemigrator.emulator.query;

import io.kintonemigrator.emulator.model.FieldType;

import org.jspecify.annotations.Nullable;

/**
 * The fields a query may name: every top-level field and every field inside a SUBTABLE.
 */
public interface QuerySchema {

	/**
	 * The field with this code, or null if the app has none ({@code $id} is always
	 * known).
	 */
	@Nullable Field field(String code);

	/** A queryable field: its type and whether it lives inside a SUBTABLE row. */
	record Field(String code, FieldType type, boolean inSubtable) {
	}

}
