package io.kintonemigrator.emulator.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One record as stored: system values plus the user-defined field values by field code.
 * Immutable; an update stores a new instance. Timestamps are already truncated to the
 * minute, as kintone stores them.
 */
public record StoredRecord(long id, long revision, Instant createdAt, UserRef creator, Instant updatedAt,
		UserRef modifier, Map<String, FieldValue> values) {

	public StoredRecord {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/** The value of a text-like field, or "" when the record has none. */
	public String text(String code) {
		return textOf(this.values.get(code));
	}

	/** The selected options of a CHECK_BOX or MULTI_SELECT field. */
	public List<String> options(String code) {
		FieldValue value = this.values.get(code);
		return (value instanceof FieldValue.Options options) ? options.values() : List.of();
	}

	/** The files of a top-level FILE field, in order. */
	public List<StoredFile> files(String code) {
		return filesOf(this.values.get(code));
	}

	/** The rows of a SUBTABLE field, in order. */
	public List<StoredRow> rows(String table) {
		FieldValue value = this.values.get(table);
		return (value instanceof FieldValue.Table rows) ? rows.rows() : List.of();
	}

	/**
	 * Every attached file of the record: top-level FILE fields and FILE fields in every
	 * row.
	 */
	public List<StoredFile> allFiles() {
		List<StoredFile> files = new ArrayList<>();
		for (FieldValue value : this.values.values()) {
			if (value instanceof FieldValue.Files top) {
				files.addAll(top.files());
			}
			else if (value instanceof FieldValue.Table table) {
				for (StoredRow row : table.rows()) {
					for (FieldValue inner : row.values().values()) {
						if (inner instanceof FieldValue.Files rowFiles) {
							files.addAll(rowFiles.files());
						}
					}
				}
			}
		}
		return files;
	}

	static String textOf(@Nullable FieldValue value) {
		return (value instanceof FieldValue.Text text) ? text.value() : "";
	}

	static List<StoredFile> filesOf(@Nullable FieldValue value) {
		return (value instanceof FieldValue.Files files) ? files.files() : List.of();
	}

}
