package io.kintonemigrator.kintone;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A field value to write. kintone replaces a FILE list and a SUBTABLE's rows as a whole.
 */
public sealed interface FieldUpdate {

	/**
	 * A FILE field's complete new list: upload keys for new files, and the field's own
	 * download keys for files to keep. Files left out are removed.
	 */
	record Files(List<FileKey> fileKeys) implements FieldUpdate {
		public Files {
			fileKeys = List.copyOf(fileKeys);
		}
	}

	/**
	 * A SUBTABLE's complete new rows. Rows not sent are deleted; a row with an existing
	 * {@code id} is updated; a row without one is added.
	 */
	record Subtable(List<Row> rows) implements FieldUpdate {
		public Subtable {
			rows = List.copyOf(rows);
		}
	}

	/** Any other field's value, in kintone's JSON form as plain Java data. */
	record Plain(@Nullable Object value) implements FieldUpdate {
	}

	/** One SUBTABLE row to write; {@code id} null adds a new row. */
	record Row(@Nullable String id, Map<String, FieldUpdate> fields) {
		public Row {
			fields = Map.copyOf(fields);
		}
	}

}
