package io.kintonemigrator.kintone;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A field value as read from a record. FILE and SUBTABLE are typed because the migration
 * works on them; every other type keeps kintone's JSON value as plain Java data
 * ({@code String}, {@code List}, {@code Map}, or {@code null}) so it can be sent back
 * unchanged.
 */
public sealed interface FieldValue {

	String type();

	/** A FILE field. */
	record Files(List<FileInfo> files) implements FieldValue {
		public Files {
			files = List.copyOf(files);
		}

		@Override
		public String type() {
			return "FILE";
		}
	}

	/** A SUBTABLE field: its rows in order. */
	record Subtable(List<SubtableRow> rows) implements FieldValue {
		public Subtable {
			rows = List.copyOf(rows);
		}

		@Override
		public String type() {
			return "SUBTABLE";
		}
	}

	/** Any other field type, with kintone's JSON value as plain Java data. */
	record Plain(String type, @Nullable Object value) implements FieldValue {
	}

	/** One SUBTABLE row: kintone's row id and its field values. */
	record SubtableRow(String id, Map<String, FieldValue> fields) {
		public SubtableRow {
			fields = Map.copyOf(fields);
		}
	}

}
