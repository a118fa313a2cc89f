package io.kintonemigrator.emulator.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SUBTABLE row: its id (unique within the app) and the values of the table's inner
 * fields.
 */
public record StoredRow(long id, Map<String, FieldValue> values) {

	public StoredRow {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/** The text value of an inner field, or "" when it has none. */
	public String text(String code) {
		return StoredRecord.textOf(this.values.get(code));
	}

	/** The files of an inner FILE field, empty when it has none. */
	public List<StoredFile> files(String code) {
		return StoredRecord.filesOf(this.values.get(code));
	}

}
